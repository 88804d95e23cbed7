package io.github.kcprovisioning.scim.settings;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A realm's value of a {@link ScimSetting} that cannot be used. The same problem is shown in two ways: in the admin
 * console in the admin's language ({@link #messageKey()} of the themes bundles, the setting's label as first parameter)
 * and in the server log in English, naming the setting's key ({@link #getMessage()}). No setting holds a secret, so the
 * offending value is part of both.
 */
public final class InvalidSettingException extends Exception {

    /** what is wrong; each English text is the {@code messages_en} text of its key (checked by a unit test) */
    public enum Problem {
        OUT_OF_RANGE("scimSettingsOutOfRange", "{0}: {1} is not a whole number from 1 to {2}."),
        NOT_BOOLEAN("scimSettingsNotBoolean", "{0}: {1} is neither true nor false."),
        DEFAULT_ABOVE_MAX("scimSettingsDefaultAboveMax", "{0}: {1} is larger than the maximum page size {2}."),
        MAPPING_MALFORMED("scimSettingsMappingMalformed", "{0}: {1} is not of the form scimPath=userAttribute."),
        MAPPING_NOT_MAPPABLE("scimSettingsMappingNotMappable", "{0}: {1} names no SCIM User attribute that a user attribute can"
                + " hold. Keycloak columns (userName, name.givenName, name.familyName, emails, active, password, groups) cannot be"
                + " mapped; a multi-valued attribute needs an element type, e.g. phoneNumbers[work].value, a complex one a"
                + " sub-attribute, e.g. name.middleName."),
        ROLE_MISSING("scimSettingsRoleMissing", "{0}: the role {1} does not exist in this realm.");

        private final String messageKey;
        private final String english;

        Problem(String messageKey, String english) {
            this.messageKey = messageKey;
            this.english = english;
        }

        public String messageKey() {
            return messageKey;
        }

        public String english() {
            return english;
        }
    }

    private final ScimSetting setting;
    private final Problem problem;
    private final List<String> details;

    InvalidSettingException(ScimSetting setting, Problem problem, String... details) {
        super(MessageFormat.format(problem.english(), english(setting, details)));
        this.setting = setting;
        this.problem = problem;
        this.details = List.of(details);
    }

    public ScimSetting setting() {
        return setting;
    }

    public String messageKey() {
        return problem.messageKey();
    }

    /**
     * the message parameters for the admin console: the setting's label (a message key: String parameters are translated),
     * then the details, which are configuration values and must stay as they are
     */
    public Object[] consoleParameters() {
        List<Object> parameters = new ArrayList<>(List.of(setting.label()));
        details.stream().map(Verbatim::new).forEach(parameters::add);
        return parameters.toArray();
    }

    /** a value shown as it is, never looked up as a message key even when it looks like one (e.g. "title") */
    record Verbatim(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static Object[] english(ScimSetting setting, String[] details) {
        List<Object> parameters = new ArrayList<>(List.of(setting.key()));
        parameters.addAll(List.of(details));
        return parameters.toArray();
    }
}

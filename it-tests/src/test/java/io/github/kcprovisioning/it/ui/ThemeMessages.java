package io.github.kcprovisioning.it.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/** Our bundles as the themes JAR ships them (it is on the test classpath): the expected texts of the UI tests. */
final class ThemeMessages {

    /**
     * jit-external-groups config property → message key of its label; the help text's key is the label key + {@code Help}.
     * The mapper declares these keys as {@code ProviderConfigProperty} labels so that the console translates them.
     */
    static final Map<String, String> EXTERNAL_GROUPS_LABEL_KEYS = Map.ofEntries(
            Map.entry("claim", "jitGroupsClaim"),
            Map.entry("root.group", "jitGroupsRoot"),
            Map.entry("groups.format", "jitGroupsFormat"),
            Map.entry("object.id.field", "jitGroupsIdField"),
            Map.entry("object.name.field", "jitGroupsNameField"),
            Map.entry("include.regex", "jitGroupsInclude"),
            Map.entry("exclude.regex", "jitGroupsExclude"),
            Map.entry("max.groups", "jitGroupsMaxGroups"),
            Map.entry("max.name.length", "jitGroupsMaxNameLength"),
            Map.entry("lower.case", "jitGroupsLowerCase"),
            Map.entry("member.of.ancestors", "jitGroupsAncestors"),
            Map.entry("missing.claim", "jitGroupsMissingClaim"),
            Map.entry("gate.groups", "jitGroupsGate"));

    private ThemeMessages() {
    }

    static Properties load(String locale) {
        String resource = "/theme-resources/messages/messages_" + locale + ".properties";
        try (InputStream in = ThemeMessages.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (themes JAR)");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.github.kcprovisioning.scim.settings;

import static io.github.kcprovisioning.scim.settings.InvalidSettingException.Problem;

import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.user.MappableAttributes;
import io.github.kcprovisioning.scim.user.MappedAttribute;
import io.github.kcprovisioning.scim.user.UserAttributeMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A realm's values (the config of its {@code scim-endpoint-settings} component) over the server defaults. An empty
 * value means the server default; every value that is set must be usable, or the whole configuration is refused: the
 * admin console refuses to save it, and a stored one switches SCIM off for the realm. Nothing falls back silently.
 */
public final class RealmOverrides {

    /** upper bounds a realm may set (the server's own defaults are the operator's choice and not bounded) */
    static final int MAX_PAGE_SIZE = 10_000;
    static final int MAX_BODY_BYTES = 100 * 1024 * 1024;
    static final int MAX_BULK_OPERATIONS = 10_000;

    /** the effective settings and which of them the realm set */
    public record Applied(ScimSettings settings, Set<ScimSetting> fromRealm) {
    }

    private RealmOverrides() {
    }

    /** the realm's switch: on unless set to {@code false} */
    public static boolean enabled(Map<String, List<String>> config) throws InvalidSettingException {
        String value = text(config, ScimSetting.ENABLED);
        if (value == null || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidSettingException(ScimSetting.ENABLED, Problem.NOT_BOOLEAN, value);
    }

    /**
     * Refuses a {@code required-role} that names no role of the realm. Kept apart from {@link #apply}: a role can be deleted
     * after the settings were saved, so this is checked against the realm every time, while {@link #apply} depends on the
     * values alone.
     *
     * @param roleExists whether a role named like that ({@code role} or {@code clientId.role}) exists in the realm
     */
    public static void requireRole(Map<String, List<String>> config, Predicate<String> roleExists) throws InvalidSettingException {
        String role = text(config, ScimSetting.REQUIRED_ROLE);
        if (role != null && !roleExists.test(role)) {
            throw new InvalidSettingException(ScimSetting.REQUIRED_ROLE, Problem.ROLE_MISSING, role);
        }
    }

    /** the realm's values over the server defaults; whether the required role exists is {@link #requireRole}'s job */
    public static Applied apply(ServerSettings server, Map<String, List<String>> config) throws InvalidSettingException {
        ScimSettings defaults = server.defaults();
        Set<ScimSetting> fromRealm = EnumSet.noneOf(ScimSetting.class);
        if (text(config, ScimSetting.ENABLED) != null) {
            fromRealm.add(ScimSetting.ENABLED);
        }
        String requiredRole = orDefault(text(config, ScimSetting.REQUIRED_ROLE), defaults.requiredRole(), ScimSetting.REQUIRED_ROLE,
                fromRealm);
        String audience = orDefault(text(config, ScimSetting.AUDIENCE), defaults.audience(), ScimSetting.AUDIENCE, fromRealm);
        int maxPageSize = number(config, ScimSetting.MAX_PAGE_SIZE, defaults.maxPageSize(), MAX_PAGE_SIZE, fromRealm);
        int defaultPageSize = number(config, ScimSetting.DEFAULT_PAGE_SIZE, defaults.defaultPageSize(), MAX_PAGE_SIZE, fromRealm);
        if (defaultPageSize > maxPageSize) {
            if (fromRealm.contains(ScimSetting.DEFAULT_PAGE_SIZE)) {
                throw new InvalidSettingException(ScimSetting.DEFAULT_PAGE_SIZE, Problem.DEFAULT_ABOVE_MAX,
                        String.valueOf(defaultPageSize), String.valueOf(maxPageSize));
            }
            defaultPageSize = maxPageSize; // the server's default, capped by the realm's smaller maximum
        }
        int maxBodyBytes = number(config, ScimSetting.MAX_BODY_BYTES, defaults.maxBodyBytes(), MAX_BODY_BYTES, fromRealm);
        int maxBulkOperations = number(config, ScimSetting.MAX_BULK_OPERATIONS, defaults.maxBulkOperations(), MAX_BULK_OPERATIONS,
                fromRealm);
        List<String> mappings = mappingEntries(config);
        UserAttributeMapping mapping = defaults.attributeMapping();
        if (!mappings.isEmpty()) {
            fromRealm.add(ScimSetting.ATTRIBUTE_MAPPINGS);
            List<String> all = new ArrayList<>(server.attributeMappings());
            all.addAll(mappings);
            mapping = UserAttributeMapping.withOverrides(all.toArray(String[]::new));
        }
        return new Applied(new ScimSettings(requiredRole, audience, defaultPageSize, maxPageSize, maxBodyBytes, maxBulkOperations,
                mapping), Collections.unmodifiableSet(fromRealm));
    }

    /** the realm's attribute-mapping entries, each a {@code scimPath=userAttribute} of a mappable SCIM User attribute */
    private static List<String> mappingEntries(Map<String, List<String>> config) throws InvalidSettingException {
        List<String> entries = new ArrayList<>();
        for (String value : config.getOrDefault(ScimSetting.ATTRIBUTE_MAPPINGS.key(), List.of())) {
            if (value == null || value.isBlank()) {
                continue;
            }
            String entry = value.trim();
            MappedAttribute parsed;
            try {
                parsed = UserAttributeMapping.parseEntry(entry);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(ScimSetting.ATTRIBUTE_MAPPINGS, Problem.MAPPING_MALFORMED, entry);
            }
            if (!MappableAttributes.allows(parsed)) {
                throw new InvalidSettingException(ScimSetting.ATTRIBUTE_MAPPINGS, Problem.MAPPING_NOT_MAPPABLE, entry);
            }
            entries.add(entry);
        }
        return entries;
    }

    private static int number(Map<String, List<String>> config, ScimSetting setting, int serverDefault, int upperBound,
                              Set<ScimSetting> fromRealm) throws InvalidSettingException {
        String value = text(config, setting);
        if (value == null) {
            return serverDefault;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1 || parsed > upperBound) {
            throw new InvalidSettingException(setting, Problem.OUT_OF_RANGE, value, String.valueOf(upperBound));
        }
        fromRealm.add(setting);
        return parsed;
    }

    private static String orDefault(String value, String serverDefault, ScimSetting setting, Set<ScimSetting> fromRealm) {
        if (value == null) {
            return serverDefault;
        }
        fromRealm.add(setting);
        return value;
    }

    /** the setting's first value, trimmed; {@code null} when it is absent or blank (= the server default) */
    private static String text(Map<String, List<String>> config, ScimSetting setting) {
        List<String> values = config.get(setting.key());
        if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
            return null;
        }
        return values.get(0).trim();
    }
}

package io.github.kcprovisioning.jit.groups;

import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import org.keycloak.models.Constants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The typed, validated configuration of one {@code jit-external-groups} mapper. {@link #parse} collects every problem
 * at once so that an admin sees them all; the same parse runs on save and at login (fail closed on a bad config).
 */
public record ExternalGroupsConfig(
        ClaimPath claim,
        GroupClaimParser.StringFormat stringFormat,
        String idField,
        String nameField,
        List<String> rootPath,
        Pattern include,
        Pattern exclude,
        int maxGroups,
        int maxNameLength,
        boolean lowerCase,
        boolean memberOfAncestors,
        MissingClaimPolicy missingClaim,
        Set<String> gate) {

    public enum MissingClaimPolicy { KEEP, DENY }

    public static final String CLAIM = "claim";
    public static final String STRING_FORMAT = "groups.format";
    public static final String ID_FIELD = "object.id.field";
    public static final String NAME_FIELD = "object.name.field";
    public static final String ROOT_GROUP = "root.group";
    public static final String INCLUDE = "include.regex";
    public static final String EXCLUDE = "exclude.regex";
    public static final String MAX_GROUPS = "max.groups";
    public static final String MAX_NAME_LENGTH = "max.name.length";
    public static final String LOWER_CASE = "lower.case";
    public static final String ANCESTORS = "member.of.ancestors";
    public static final String MISSING_CLAIM = "missing.claim";
    public static final String GATE = "gate.groups";

    public static final String DEFAULT_CLAIM = "groups";
    public static final int DEFAULT_MAX_GROUPS = 100;
    public static final int DEFAULT_MAX_NAME_LENGTH = 100;

    public GroupNameRules nameRules() {
        return new GroupNameRules(maxNameLength, lowerCase);
    }

    public GroupClaimParser claimParser() {
        return new GroupClaimParser(stringFormat, idField, nameField, nameRules());
    }

    public GroupSelection selection() {
        return new GroupSelection(include, exclude, maxGroups);
    }

    public static ExternalGroupsConfig parse(Map<String, String> config) {
        List<String> errors = new ArrayList<>();
        ClaimPath claim = null;
        try {
            claim = ClaimPath.parse(valueOr(config, CLAIM, DEFAULT_CLAIM));
        } catch (IllegalArgumentException e) {
            errors.add("Groups claim: " + e.getMessage());
        }
        GroupClaimParser.StringFormat format = parseFormat(config.get(STRING_FORMAT), errors);
        List<String> root = parseRoot(config.get(ROOT_GROUP), errors);
        Pattern include = parseRegex("Include regex", config.get(INCLUDE), errors);
        Pattern exclude = parseRegex("Exclude regex", config.get(EXCLUDE), errors);
        int maxGroups = parseInt("Max groups", config.get(MAX_GROUPS), DEFAULT_MAX_GROUPS, 1, 100_000, errors);
        int maxNameLength = parseInt("Max name length", config.get(MAX_NAME_LENGTH), DEFAULT_MAX_NAME_LENGTH,
                1, GroupNameRules.HARD_MAX_LENGTH, errors);
        boolean lowerCase = Boolean.parseBoolean(config.get(LOWER_CASE));
        MissingClaimPolicy missing = parseMissing(config.get(MISSING_CLAIM), errors);
        Set<String> gate = parseGate(config.get(GATE), lowerCase);
        if (!errors.isEmpty()) {
            throw new InvalidMapperConfigException(errors);
        }
        return new ExternalGroupsConfig(claim, format, valueOr(config, ID_FIELD, "id"), valueOr(config, NAME_FIELD, "name"),
                root, include, exclude, maxGroups, maxNameLength, lowerCase, Boolean.parseBoolean(config.get(ANCESTORS)),
                missing, gate);
    }

    private static String valueOr(Map<String, String> config, String key, String fallback) {
        String value = config.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static GroupClaimParser.StringFormat parseFormat(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return GroupClaimParser.StringFormat.NAME;
        }
        try {
            return GroupClaimParser.StringFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("Group string format: '" + value + "' is not one of name, path");
            return null;
        }
    }

    private static MissingClaimPolicy parseMissing(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return MissingClaimPolicy.KEEP;
        }
        try {
            return MissingClaimPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("When the groups claim is missing: '" + value + "' is not one of keep, deny");
            return null;
        }
    }

    static List<String> parseRoot(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add("Managed root group: required (e.g. /external/my-idp); JIT never creates groups outside it");
            return List.of();
        }
        String body = value.trim().startsWith("/") ? value.trim().substring(1) : value.trim();
        List<String> segments = Arrays.asList(body.split("/", -1));
        GroupNameRules rules = new GroupNameRules(GroupNameRules.HARD_MAX_LENGTH, false);
        for (String segment : segments) {
            try {
                if (!rules.normalizeSegment(segment).equals(segment)) {
                    errors.add("Managed root group: segment '" + segment + "' has surrounding spaces or is not in Unicode NFC");
                }
            } catch (InvalidGroupNameException e) {
                errors.add("Managed root group '" + value + "': " + e.getMessage());
                return List.of();
            }
        }
        return List.copyOf(segments);
    }

    private static Pattern parseRegex(String label, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            errors.add(label + ": invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return null;
        }
    }

    private static int parseInt(String label, String value, int fallback, int min, int max, List<String> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                errors.add(label + ": must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            errors.add(label + ": '" + value + "' is not a whole number");
            return fallback;
        }
    }

    private static Set<String> parseGate(String value, boolean lowerCase) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(Constants.CFG_DELIMITER))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> lowerCase ? s.toLowerCase(Locale.ROOT) : s)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** True when the gate is on and none of the asserted groups (by id, name or path) is one of the gate's groups. */
    public boolean gateDenies(List<ExternalGroup> asserted) {
        if (gate.isEmpty()) {
            return false;
        }
        return asserted.stream().noneMatch(g -> gate.contains(g.externalId()) || gate.contains(g.name())
                || gate.contains(g.displayPath()));
    }
}

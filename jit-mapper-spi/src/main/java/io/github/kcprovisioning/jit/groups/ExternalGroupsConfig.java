package io.github.kcprovisioning.jit.groups;

import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import org.keycloak.models.Constants;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

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
        String stripPrefix,
        boolean memberOfAncestors,
        AbsentGroupsPolicy missingClaim,
        AbsentGroupsPolicy overage,
        int maxGroupsCreated,
        boolean revokeSessions,
        Map<String, List<String>> groupRoles,
        Map<String, List<String>> formerNames,
        Set<String> gate,
        /** jit4: hierarchy for flat sources (null: none). */
        ClaimPath parentClaim,
        // issue 8 (enterprise IdPs): overage fetch and escaping of unsafe leaf names
        OverageFetchConfig overageFetch,
        GroupNameRules.UnsafeNames unsafeNames,
        // issue 9 (leaver): what a refusal by the gate does to an existing account
        GateDenialAction gateDenialAction) {

    public enum AbsentGroupsPolicy { KEEP, DENY }

    /** A refused login: {@code DENY} only refuses it; {@code DISABLE} also suspends the existing account (a leaver). */
    public enum GateDenialAction { DENY, DISABLE }

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
    public static final String STRIP_PREFIX = "strip.prefix";
    public static final String ANCESTORS = "member.of.ancestors";
    public static final String MISSING_CLAIM = "missing.claim";
    public static final String OVERAGE = "overage";
    public static final String MAX_GROUPS_CREATED = "max.groups.created";
    public static final String REVOKE_SESSIONS = "revoke.sessions";
    public static final String GROUP_ROLES = "group.roles";
    public static final String FORMER_NAMES = "former.names";
    public static final String GATE = "gate.groups";
    public static final String GATE_DENIAL_ACTION = "gate.denial.action";
    /** jit4: a claim mapping each group (id or name) to its parent, building a hierarchy for flat sources. */
    public static final String PARENT_CLAIM = "parent.claim";
    public static final String UNSAFE_NAMES = "unsafe.names";

    /** One entry per line (the console's text area); '##' (Keycloak's multi-value delimiter) still read from REST and imports. */
    private static final Pattern ENTRIES = Pattern.compile("\\R|" + Constants.CFG_DELIMITER);

    public static final String DEFAULT_CLAIM = "groups";
    public static final int DEFAULT_MAX_GROUPS = 100;
    public static final int DEFAULT_MAX_NAME_LENGTH = 100;
    public static final int DEFAULT_MAX_GROUPS_CREATED = 10_000;

    public GroupNameRules nameRules() {
        return new GroupNameRules(maxNameLength, lowerCase, unsafeNames);
    }

    public GroupClaimParser claimParser() {
        return new GroupClaimParser(stringFormat, idField, nameField, nameRules(), stripPrefix);
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
        AbsentGroupsPolicy missing = parsePolicy("When the groups claim is missing", config.get(MISSING_CLAIM), errors);
        AbsentGroupsPolicy overage = parsePolicy("On group overage", config.get(OVERAGE), errors);
        int maxCreated = parseInt("Max groups created", config.get(MAX_GROUPS_CREATED), DEFAULT_MAX_GROUPS_CREATED,
                1, Integer.MAX_VALUE, errors);
        Set<String> gate = parseGate(config.get(GATE), lowerCase);
        Map<String, List<String>> groupRoles = parsePairs("Group roles", "group=role", config.get(GROUP_ROLES), errors);
        Map<String, List<String>> formerNames = parsePairs("Former names", "new=old", config.get(FORMER_NAMES), errors);
        ClaimPath parentClaim = parseParentClaim(config.get(PARENT_CLAIM), format, errors);
        OverageFetchConfig overageFetch = OverageFetchConfig.parse(config, errors);
        GroupNameRules.UnsafeNames unsafeNames = parseUnsafeNames(config.get(UNSAFE_NAMES), errors);
        GateDenialAction gateDenialAction = parseGateDenialAction(config.get(GATE_DENIAL_ACTION), errors);
        if (!errors.isEmpty()) {
            throw new InvalidMapperConfigException(errors);
        }
        return new ExternalGroupsConfig(claim, format, valueOr(config, ID_FIELD, "id"), valueOr(config, NAME_FIELD, "name"),
                root, include, exclude, maxGroups, maxNameLength, lowerCase,
                valueOr(config, STRIP_PREFIX, ""),
                Boolean.parseBoolean(config.get(ANCESTORS)),
                missing, overage, maxCreated, Boolean.parseBoolean(config.get(REVOKE_SESSIONS)), groupRoles,
                formerNames, gate, parentClaim, overageFetch, unsafeNames, gateDenialAction);
    }

    private static GateDenialAction parseGateDenialAction(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return GateDenialAction.DENY;
        }
        try {
            return GateDenialAction.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("When the gate refuses a login: '" + value + "' is not one of deny, disable");
            return null;
        }
    }

    private static GroupNameRules.UnsafeNames parseUnsafeNames(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return GroupNameRules.UnsafeNames.REJECT;
        }
        try {
            return GroupNameRules.UnsafeNames.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("Unsafe names: '" + value + "' is not one of reject, escape");
            return null;
        }
    }

    /** Only for flat sources: paths already carry their hierarchy, two sources of truth would disagree. */
    private static ClaimPath parseParentClaim(String value, GroupClaimParser.StringFormat format, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (format == GroupClaimParser.StringFormat.PATH) {
            errors.add("Parent claim: only for flat groups (format name or json); paths already carry their parents");
            return null;
        }
        try {
            return ClaimPath.parse(value.trim());
        } catch (IllegalArgumentException e) {
            errors.add("Parent claim: " + e.getMessage());
            return null;
        }
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
            errors.add("Group string format: '" + value + "' is not one of name, path, json");
            return null;
        }
    }

    private static AbsentGroupsPolicy parsePolicy(String label, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            return AbsentGroupsPolicy.KEEP;
        }
        try {
            return AbsentGroupsPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(label + ": '" + value + "' is not one of keep, deny");
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

    static int parseInt(String label, String value, int fallback, int min, int max, List<String> errors) {
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
        return Arrays.stream(ENTRIES.split(value))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> lowerCase ? s.toLowerCase(Locale.ROOT) : s)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** {@code key=value} entries of a multi-valued field, e.g. group=role or new=old. */
    private static Map<String, List<String>> parsePairs(String label, String form, String value, List<String> errors) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return roles;
        }
        for (String entry : ENTRIES.split(value)) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                errors.add(label + ": '" + entry + "' is not of the form " + form);
                continue;
            }
            roles.computeIfAbsent(entry.substring(0, eq).trim(), k -> new ArrayList<>()).add(entry.substring(eq + 1).trim());
        }
        return roles;
    }

    /** Roles configured for this asserted group (matched by id, name or path). */
    public List<String> rolesFor(ExternalGroup group) {
        List<String> roles = new ArrayList<>();
        for (String key : new LinkedHashSet<>(List.of(group.externalId(), group.name(), group.displayPath()))) {
            roles.addAll(groupRoles.getOrDefault(key, List.of()));
        }
        return roles;
    }

    /** External ids this group had before a rename at a source without stable ids (configured by the admin). */
    public List<String> formerIdsOf(ExternalGroup group) {
        return group.stableId() ? List.of() : formerNames.getOrDefault(group.externalId(), List.of());
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

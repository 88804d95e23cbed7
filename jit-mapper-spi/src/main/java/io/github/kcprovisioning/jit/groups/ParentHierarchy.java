package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds a hierarchy for flat sources from a separate "parent" claim: a JSON object from a group's identifier (its object id,
 * or its name for plain names) to its parent's identifier, e.g. {@code {"backend": "eng", "eng": "corp"}}. Over SAML,
 * whose attribute values are strings, each value may hold such an object as JSON text; the objects are merged.
 * A parent that is itself asserted keeps its display name; one that is not is named by its identifier. Chains that loop
 * or run deeper than {@link #MAX_DEPTH} are rejected (the group is skipped, not placed flat), so a broken source cannot
 * build an unbounded tree.
 */
final class ParentHierarchy {

    /** Groups above an asserted group, at most: deeper chains are rejected. */
    static final int MAX_DEPTH = 10;

    private final Map<String, String> parentOf;
    private final GroupNameRules rules;
    private final boolean lowerCase;

    private ParentHierarchy(Map<String, String> parentOf, GroupNameRules rules, boolean lowerCase) {
        this.parentOf = parentOf;
        this.rules = rules;
        this.lowerCase = lowerCase;
    }

    /**
     * @param claim     the parent claim as sent (null when absent: every group stays flat)
     * @param lowerCase identifiers are compared lower-cased (the mapper lower-cases names)
     */
    static ParentHierarchy of(JsonNode claim, GroupNameRules rules, boolean lowerCase) {
        Map<String, String> parentOf = new HashMap<>();
        if (claim != null) {
            for (JsonNode item : claim.isArray() ? claim : List.of(claim)) {
                JsonNode object = item.isTextual() ? jsonText(item.asText()) : item;
                if (object != null && object.isObject()) {
                    object.fields().forEachRemaining(e -> {
                        if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                            parentOf.put(canonical(e.getKey(), lowerCase), canonical(e.getValue().asText(), lowerCase));
                        }
                    });
                }
            }
        }
        return new ParentHierarchy(parentOf, rules, lowerCase);
    }

    /** Each group placed below its ancestors; groups whose chain loops, is too deep or has an invalid name are rejected. */
    GroupClaimParser.Result place(List<ExternalGroup> groups) {
        Map<String, ExternalGroup> asserted = new LinkedHashMap<>();
        groups.forEach(g -> asserted.putIfAbsent(canonical(g.externalId(), lowerCase), g));
        List<ExternalGroup> placed = new ArrayList<>();
        List<GroupClaimParser.Rejection> rejections = new ArrayList<>();
        for (ExternalGroup group : groups) {
            try {
                placed.add(placeOne(group, asserted));
            } catch (InvalidGroupNameException e) {
                rejections.add(new GroupClaimParser.Rejection(group.externalId(), e.getMessage()));
            }
        }
        return new GroupClaimParser.Result(List.copyOf(placed), List.copyOf(rejections));
    }

    private ExternalGroup placeOne(ExternalGroup group, Map<String, ExternalGroup> asserted) {
        List<String> chain = new ArrayList<>(); // canonical identifiers, outermost first
        String self = canonical(group.externalId(), lowerCase);
        Set<String> seen = new HashSet<>(Set.of(self));
        for (String id = parentOf.get(self); id != null; id = parentOf.get(id)) {
            if (!seen.add(id)) {
                throw new InvalidGroupNameException("the parent claim has a cycle through '" + id + "'");
            }
            if (chain.size() == MAX_DEPTH) {
                throw new InvalidGroupNameException("the parent claim nests it deeper than " + MAX_DEPTH + " levels");
            }
            chain.add(0, id);
        }
        List<String> names = new ArrayList<>();
        List<String> externalIds = new ArrayList<>();
        for (String id : chain) {
            ExternalGroup parent = asserted.get(id);
            names.add(parent != null ? parent.name() : rules.normalizeSegment(id));
            externalIds.add(parent != null ? parent.externalId() : rules.normalizeId(id));
        }
        return group.below(names, externalIds);
    }

    private static String canonical(String identifier, boolean lowerCase) {
        String text = Normalizer.normalize(identifier, Normalizer.Form.NFC).strip();
        return lowerCase ? text.toLowerCase(Locale.ROOT) : text;
    }

    private static JsonNode jsonText(String text) {
        try {
            return JsonSerialization.mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null; // not an object: contributes nothing
        }
    }
}

package io.github.kcprovisioning.jit.groups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.util.JsonSerialization;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the raw groups claim into validated {@link ExternalGroup}s. Accepts a list (or a single value) of
 * strings (names, {@code /a/b} paths, or JSON object text, per {@link StringFormat}) and of objects carrying a stable id
 * and a display name (as Entra ID and Okta can send them). Items that break a rule are reported, never silently altered into something else.
 */
public final class GroupClaimParser {

    public enum StringFormat {
        /** each string is one opaque group name, created directly under the managed root */
        NAME,
        /** each string is a path below the managed root, {@code /eng/backend}; the whole chain is created */
        PATH,
        /**
         * each string is a JSON object with a stable id and a display name, {@code {"id":"…","name":"…"}}: how SAML sources
         * (attribute values are strings only) can send ids, so that a rename upstream renames the group in place
         */
        JSON
    }

    public record Rejection(String item, String reason) {}

    public record Result(List<ExternalGroup> groups, List<Rejection> rejections) {}

    private final StringFormat format;
    private final String idField;
    private final String nameField;
    private final GroupNameRules rules;
    private final String stripPrefix;

    /** @param stripPrefix removed from the start of names and paths that carry it (e.g. "app-"); empty for none */
    public GroupClaimParser(StringFormat format, String idField, String nameField, GroupNameRules rules, String stripPrefix) {
        this.format = format;
        this.idField = idField;
        this.nameField = nameField;
        this.rules = rules;
        this.stripPrefix = stripPrefix;
    }

    public Result parse(JsonNode claim) {
        Map<String, ExternalGroup> byId = new LinkedHashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        if (claim == null) {
            return new Result(List.of(), List.of());
        }
        Iterable<JsonNode> items = claim.isArray() ? claim : List.of(claim);
        for (JsonNode item : items) {
            try {
                ExternalGroup group = parseItem(item);
                byId.putIfAbsent(group.externalId(), group);
            } catch (InvalidGroupNameException e) {
                rejections.add(new Rejection(abbreviate(item.toString()), e.getMessage()));
            }
        }
        return new Result(List.copyOf(byId.values()), List.copyOf(rejections));
    }

    private ExternalGroup parseItem(JsonNode item) {
        if (item.isTextual()) {
            return switch (format) {
                case NAME -> parseName(stripped(item.asText()));
                case PATH -> parsePath(stripped(item.asText()));
                case JSON -> parseObject(jsonObject(item.asText()));
            };
        }
        if (item.isObject()) {
            return parseObject(item);
        }
        throw new InvalidGroupNameException("unsupported value type " + item.getNodeType());
    }

    private ExternalGroup parseName(String raw) {
        String name = rules.normalizeLeaf(raw);
        return new ExternalGroup(name, List.of(name), false);
    }

    private ExternalGroup parsePath(String raw) {
        String body = raw.startsWith("/") ? raw.substring(1) : raw;
        if (body.isEmpty()) {
            throw new InvalidGroupNameException("path is empty");
        }
        List<String> segments = new ArrayList<>();
        // split with limit -1 keeps trailing empty segments so that "a/" and "a//b" are rejected, not tidied up
        for (String segment : body.split("/", -1)) {
            segments.add(rules.normalizeSegment(segment));
        }
        return new ExternalGroup("/" + String.join("/", segments), segments, false);
    }

    private ExternalGroup parseObject(JsonNode item) {
        JsonNode idNode = item.get(idField);
        if (idNode == null || !(idNode.isTextual() || idNode.isNumber())) {
            throw new InvalidGroupNameException("object has no '" + idField + "' string");
        }
        String id = rules.normalizeId(idNode.asText());
        JsonNode nameNode = item.get(nameField);
        String name = nameNode != null && nameNode.isTextual() ? stripped(nameNode.asText()) : id;
        return new ExternalGroup(id, List.of(rules.normalizeLeaf(name)), true);
    }

    private static JsonNode jsonObject(String text) {
        try {
            JsonNode node = JsonSerialization.mapper.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below, like any other value that is not an object
        }
        throw new InvalidGroupNameException("value is not a JSON object");
    }

    private String stripped(String text) {
        return !stripPrefix.isEmpty() && text.startsWith(stripPrefix) ? text.substring(stripPrefix.length()) : text;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}

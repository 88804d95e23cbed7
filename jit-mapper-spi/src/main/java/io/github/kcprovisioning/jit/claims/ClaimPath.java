package io.github.kcprovisioning.jit.claims;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A path into a JSON claim set: {@code address.locality}, {@code emails[0]}, {@code realm_access.roles}.
 * A literal dot inside a claim name is written {@code \.} (for URL-like claim names such as {@code https://example\.com/groups}).
 */
public final class ClaimPath {

    private sealed interface Step permits Field, Index {}
    private record Field(String name) implements Step {}
    private record Index(int index) implements Step {}

    private final String text;
    private final List<Step> steps;

    private ClaimPath(String text, List<Step> steps) {
        this.text = text;
        this.steps = steps;
    }

    /** @throws IllegalArgumentException with a message fit for an admin when the path is malformed */
    public static ClaimPath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("claim path is empty");
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '.') {
                name.append('.');
                i += 2;
            } else if (c == '.') {
                addField(text, steps, name);
                i++;
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("claim path '" + text + "': '[' without ']'");
                }
                if (name.length() > 0) {
                    steps.add(new Field(name.toString()));
                    name.setLength(0);
                } else if (steps.isEmpty()) {
                    throw new IllegalArgumentException("claim path '" + text + "' starts with an index");
                }
                steps.add(new Index(parseIndex(text, text.substring(i + 1, close))));
                i = close + 1;
                if (i < text.length() && text.charAt(i) == '.') {
                    i++;
                    if (i == text.length()) {
                        throw new IllegalArgumentException("claim path '" + text + "' ends with '.'");
                    }
                } else if (i < text.length() && text.charAt(i) != '[') {
                    throw new IllegalArgumentException("claim path '" + text + "': expected '.' or '[' after ']'");
                }
            } else {
                name.append(c);
                i++;
            }
        }
        if (name.length() > 0) {
            steps.add(new Field(name.toString()));
        } else if (text.endsWith(".") && !text.endsWith("\\.")) {
            throw new IllegalArgumentException("claim path '" + text + "' ends with '.'");
        }
        return new ClaimPath(text, List.copyOf(steps));
    }

    private static void addField(String text, List<Step> steps, StringBuilder name) {
        if (name.length() == 0) {
            throw new IllegalArgumentException("claim path '" + text + "' has an empty segment");
        }
        steps.add(new Field(name.toString()));
        name.setLength(0);
    }

    private static int parseIndex(String text, String index) {
        try {
            int value = Integer.parseInt(index);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("claim path '" + text + "': index '" + index + "' is not a non-negative integer");
        }
    }

    /** The value at this path, or {@code null} when any step is absent (a JSON {@code null} counts as absent). */
    public JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (Step step : steps) {
            if (node == null) {
                return null;
            }
            node = step instanceof Field field ? node.get(field.name()) : node.get(((Index) step).index());
        }
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    /** The path as written; for SAML it is the attribute name (or friendly name). */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClaimPath other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.github.kcprovisioning.jit.attributes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One step applied to a mapped value: {@code "trim"}, {@code "lower"}, {@code "upper"} or {@code {"regex": ..., "replacement": ...}}. */
sealed interface Transform {

    String apply(String value);

    record Trim() implements Transform {
        public String apply(String value) {
            return value.strip();
        }
    }

    record Lower() implements Transform {
        public String apply(String value) {
            return value.toLowerCase(Locale.ROOT);
        }
    }

    record Upper() implements Transform {
        public String apply(String value) {
            return value.toUpperCase(Locale.ROOT);
        }
    }

    /** Java regex replace-all; {@code $1} in the replacement refers to a capture group. */
    record RegexReplace(Pattern pattern, String replacement) implements Transform {
        public String apply(String value) {
            return pattern.matcher(value).replaceAll(replacement);
        }
    }

    /** @throws IllegalArgumentException describing what is wrong with the JSON */
    static Transform parse(JsonNode node) {
        if (node.isTextual()) {
            return switch (node.asText()) {
                case "trim" -> new Trim();
                case "lower" -> new Lower();
                case "upper" -> new Upper();
                default -> throw new IllegalArgumentException("unknown transform '" + node.asText()
                        + "' (expected trim, lower, upper or {\"regex\": ..., \"replacement\": ...})");
            };
        }
        if (node.isObject() && node.path("regex").isTextual()) {
            try {
                return new RegexReplace(Pattern.compile(node.get("regex").asText()), node.path("replacement").asText(""));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex '" + node.get("regex").asText() + "': " + e.getDescription());
            }
        }
        throw new IllegalArgumentException("a transform is a name or {\"regex\": ..., \"replacement\": ...}, not " + node);
    }
}

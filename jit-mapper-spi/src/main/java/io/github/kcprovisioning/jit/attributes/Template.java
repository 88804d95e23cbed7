package io.github.kcprovisioning.jit.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import io.github.kcprovisioning.jit.claims.ClaimSource;

import java.util.ArrayList;
import java.util.List;

/** A value built from several claims: {@code ${given_name}.${family_name}}. Each {@code ${...}} is a {@link ClaimPath}. */
final class Template {

    private sealed interface Part permits Literal, Claim {}
    private record Literal(String text) implements Part {}
    private record Claim(ClaimPath path) implements Part {}

    private final List<Part> parts;

    private Template(List<Part> parts) {
        this.parts = parts;
    }

    static Template parse(String text) {
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("${", i);
            if (open < 0) {
                parts.add(new Literal(text.substring(i)));
                break;
            }
            if (open > i) {
                parts.add(new Literal(text.substring(i, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("template '" + text + "': '${' without '}'");
            }
            parts.add(new Claim(ClaimPath.parse(text.substring(open + 2, close))));
            i = close + 1;
        }
        if (parts.stream().noneMatch(p -> p instanceof Claim)) {
            throw new IllegalArgumentException("template '" + text + "' refers to no claim (use ${claim})");
        }
        return new Template(List.copyOf(parts));
    }

    /** Claim paths the template reads, for messages. */
    List<ClaimPath> claims() {
        return parts.stream().filter(p -> p instanceof Claim).map(p -> ((Claim) p).path()).toList();
    }

    /** The rendered text, or the first claim that is missing or not a single value. */
    MappedValue render(ClaimSource source) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else {
                ClaimPath path = ((Claim) part).path();
                JsonNode value = source.read(path);
                if (value == null) {
                    return MappedValue.missing(path.text());
                }
                if (!value.isValueNode()) {
                    return MappedValue.problem(path.text(), "not a single value");
                }
                out.append(value.asText());
            }
        }
        return MappedValue.of(List.of(out.toString()));
    }
}

package io.github.kcprovisioning.jit.attributes;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import io.github.kcprovisioning.jit.claims.ClaimSource;

import java.util.ArrayList;
import java.util.List;

/**
 * One row of the mapping table: a claim (or a template over claims) to a user field or attribute, with transforms.
 *
 * @param claim     the source claim; null when {@code template} is used
 * @param template  a template over claims; null when {@code claim} is used
 */
record AttributeMapping(ClaimPath claim, Template template, UserField target, List<Transform> transforms, boolean required) {

    String sourceLabel() {
        return claim != null ? claim.text() : template.claims().get(0).text();
    }

    /** Reads, checks and transforms the value; the result says what went wrong, if anything. */
    MappedValue evaluate(ClaimSource source, int maxLength) {
        MappedValue raw = claim != null ? read(source) : template.render(source);
        if (!raw.ok()) {
            return raw;
        }
        List<String> values = new ArrayList<>();
        for (String value : raw.values()) {
            String transformed = value;
            for (Transform transform : transforms) {
                transformed = transform.apply(transformed);
            }
            if (transformed.length() > maxLength) {
                return MappedValue.problem(sourceLabel(), "longer than " + maxLength + " characters");
            }
            values.add(transformed);
        }
        if (!target.multiValued() && values.size() != 1) {
            return MappedValue.problem(sourceLabel(), values.isEmpty() ? "empty list" : "a list where one value is expected");
        }
        return values.stream().allMatch(target::accepts)
                ? MappedValue.of(values)
                : MappedValue.problem(sourceLabel(), "not a valid value for " + target.name());
    }

    private MappedValue read(ClaimSource source) {
        JsonNode value = source.read(claim);
        if (value == null) {
            return MappedValue.missing(claim.text());
        }
        if (value.isValueNode()) {
            return MappedValue.of(List.of(value.asText()));
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isValueNode() || element.isNull()) {
                    return MappedValue.problem(claim.text(), "a list of non-text values");
                }
                values.add(element.asText());
            }
            return values.isEmpty() && !target.multiValued() ? MappedValue.missing(claim.text()) : MappedValue.of(values);
        }
        return MappedValue.problem(claim.text(), "an object where text is expected");
    }
}

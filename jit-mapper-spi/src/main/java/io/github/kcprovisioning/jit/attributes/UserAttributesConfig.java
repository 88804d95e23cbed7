package io.github.kcprovisioning.jit.attributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.claims.ClaimPath;
import org.keycloak.util.JsonSerialization;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The typed configuration of one {@code jit-user-attributes} mapper: the mapping table (JSON), what to do when a value is
 * missing or invalid, and the maximum length of a value. {@link #parse} reports every problem at once.
 */
record UserAttributesConfig(List<AttributeMapping> mappings, ProblemPolicy policy, int maxLength) {

    enum ProblemPolicy { SKIP, DENY }

    static final String MAPPINGS = "mappings";
    static final String ON_PROBLEM = "on.problem";
    static final String MAX_LENGTH = "max.length";
    static final int DEFAULT_MAX_LENGTH = 255;

    static UserAttributesConfig parse(Map<String, String> config) {
        List<String> errors = new ArrayList<>();
        List<AttributeMapping> mappings = parseMappings(config.get(MAPPINGS), errors);
        ProblemPolicy policy = ProblemPolicy.SKIP;
        String policyText = config.get(ON_PROBLEM);
        if (policyText != null && !policyText.isBlank()) {
            try {
                policy = ProblemPolicy.valueOf(policyText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("When a value is missing or invalid: '" + policyText + "' is not one of skip, deny");
            }
        }
        int maxLength = DEFAULT_MAX_LENGTH;
        String lengthText = config.get(MAX_LENGTH);
        if (lengthText != null && !lengthText.isBlank()) {
            try {
                maxLength = Integer.parseInt(lengthText.trim());
                if (maxLength < 1) {
                    errors.add("Max value length: must be at least 1");
                }
            } catch (NumberFormatException e) {
                errors.add("Max value length: '" + lengthText + "' is not a whole number");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidMapperConfigException(errors);
        }
        return new UserAttributesConfig(mappings, policy, maxLength);
    }

    private static List<AttributeMapping> parseMappings(String json, List<String> errors) {
        if (json == null || json.isBlank()) {
            errors.add("Mappings: required, a JSON array such as [{\"claim\": \"email\", \"target\": \"email\"}]");
            return List.of();
        }
        JsonNode rows;
        try {
            rows = JsonSerialization.mapper.readTree(json);
        } catch (JsonProcessingException e) {
            errors.add("Mappings: not valid JSON: " + e.getOriginalMessage());
            return List.of();
        }
        if (!rows.isArray() || rows.isEmpty()) {
            errors.add("Mappings: must be a non-empty JSON array of mapping objects");
            return List.of();
        }
        List<AttributeMapping> mappings = new ArrayList<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                AttributeMapping mapping = parseRow(rows.get(i));
                if (!targets.add(mapping.target().name())) {
                    throw new IllegalArgumentException("target '" + mapping.target().name() + "' is mapped twice");
                }
                mappings.add(mapping);
            } catch (IllegalArgumentException e) {
                errors.add("Mappings row " + (i + 1) + ": " + e.getMessage());
            }
        }
        return List.copyOf(mappings);
    }

    private static AttributeMapping parseRow(JsonNode row) {
        if (!row.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        String target = row.path("target").asText("");
        if (target.isBlank()) {
            throw new IllegalArgumentException("'target' is required (username, email, firstName, lastName, enabled or an attribute name)");
        }
        boolean hasClaim = row.path("claim").isTextual();
        boolean hasTemplate = row.path("template").isTextual();
        if (hasClaim == hasTemplate) {
            throw new IllegalArgumentException("give exactly one of 'claim' and 'template'");
        }
        List<Transform> transforms = new ArrayList<>();
        JsonNode transformNode = row.path("transform");
        if (!transformNode.isMissingNode()) {
            for (JsonNode t : transformNode.isArray() ? transformNode : List.of(transformNode)) {
                transforms.add(Transform.parse(t));
            }
        }
        JsonNode required = row.path("required");
        if (!required.isMissingNode() && !required.isBoolean()) {
            throw new IllegalArgumentException("'required' must be true or false");
        }
        return new AttributeMapping(
                hasClaim ? ClaimPath.parse(row.get("claim").asText()) : null,
                hasTemplate ? Template.parse(row.get("template").asText()) : null,
                UserField.of(target.trim()), List.copyOf(transforms), required.asBoolean(false));
    }
}

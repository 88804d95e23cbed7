package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;

import java.util.Iterator;
import java.util.Map;

/** Attribute names are case-insensitive in SCIM (RFC 7643 §2.1); JSON field lookup is not. */
public final class ScimJsonFields {

    private ScimJsonFields() {
    }

    public static JsonNode get(JsonNode container, String name) {
        if (container == null || !container.isObject()) {
            return null;
        }
        JsonNode exact = container.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = container.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue();
            }
        }
        return null;
    }

    public static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isArray() && node.isEmpty());
    }

    /** A simple (string-like) value as text; absent/null is {@code null}; objects and arrays are an invalidValue. */
    public static String text(JsonNode node, String attributeForError) throws BadRequestException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw BadRequestException.invalidValue("'" + attributeForError + "' must be a single value, got " + node);
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }

    public static ObjectNode object(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        return existing instanceof ObjectNode o ? o : parent.putObject(name);
    }
}

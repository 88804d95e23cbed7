package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;

/** Reads and writes the value of a {@link MappedAttribute} inside a SCIM user's JSON. */
final class MappedAttributeCodec {

    private final UserAttributeMapping mapping;

    MappedAttributeCodec(UserAttributeMapping mapping) {
        this.mapping = mapping;
    }

    String read(ObjectNode resource, MappedAttribute m) throws BadRequestException {
        JsonNode container = m.schemaUrn() == null ? resource : ScimJsonFields.get(resource, m.schemaUrn());
        JsonNode node = ScimJsonFields.get(container, m.attribute());
        if (m.type() != null) {
            node = element(node, m);
        }
        String sub = m.subAttribute() == null && m.type() != null ? "value" : m.subAttribute();
        if (sub != null) {
            if (node != null && !node.isNull() && !node.isObject()) {
                throw BadRequestException.invalidValue("'" + m.attribute() + "' must be a complex value, got " + node);
            }
            node = ScimJsonFields.get(node, sub);
        }
        return ScimJsonFields.text(node, m.scimPath());
    }

    void write(ObjectNode resource, MappedAttribute m, String value) {
        ObjectNode container = m.schemaUrn() == null ? resource : ScimJsonFields.object(resource, m.schemaUrn());
        if (m.type() == null && m.subAttribute() == null) {
            container.put(m.attribute(), value);
            return;
        }
        ObjectNode target;
        if (m.type() == null) {
            target = ScimJsonFields.object(container, m.attribute());
        } else {
            ArrayNode array = container.get(m.attribute()) instanceof ArrayNode a ? a : container.putArray(m.attribute());
            target = elementOfType(array, m.type());
        }
        target.put(m.subAttribute() == null ? "value" : m.subAttribute(), value);
    }

    private JsonNode element(JsonNode multiValued, MappedAttribute m) throws BadRequestException {
        if (ScimJsonFields.isAbsent(multiValued)) {
            return null;
        }
        if (!multiValued.isArray()) {
            throw BadRequestException.invalidValue("'" + m.attribute() + "' is multi-valued and must be an array");
        }
        JsonNode untyped = null;
        for (JsonNode element : multiValued) {
            JsonNode type = ScimJsonFields.get(element, "type");
            if (type == null || type.isNull()) {
                untyped = untyped == null ? element : untyped;
            } else if (type.asText().equalsIgnoreCase(m.type())) {
                return element;
            }
        }
        return untyped != null && mapping.isFirstTypeOf(m) ? untyped : null;
    }

    private static ObjectNode elementOfType(ArrayNode array, String type) {
        for (JsonNode element : array) {
            if (element instanceof ObjectNode o && type.equalsIgnoreCase(o.path("type").asText())) {
                return o;
            }
        }
        return array.addObject().put("type", type);
    }
}

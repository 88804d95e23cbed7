package io.github.kcprovisioning.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.user.MappedAttribute;
import io.github.kcprovisioning.scim.user.ScimSchemas;
import io.github.kcprovisioning.scim.user.UserAttributeMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 7643 §7 schema documents generated from what is actually stored: Keycloak's user columns plus the configured
 * attribute mapping, so /Schemas never promises an attribute that would be dropped.
 */
final class SchemaDocuments {

    private SchemaDocuments() {
    }

    static List<ObjectNode> all(UserAttributeMapping mapping) {
        return List.of(user(mapping), enterpriseUser(mapping), group());
    }

    static ObjectNode user(UserAttributeMapping mapping) {
        ArrayNode attributes = JsonUtils.getJsonNodeFactory().arrayNode();
        attributes.add(simple("userName", "string", true, false, "readWrite", "server"));
        Map<String, ObjectNode> complex = new LinkedHashMap<>();
        ObjectNode name = complexAttribute("name", false);
        name.withArray("subAttributes").add(simple("givenName", "string", false, false, "readWrite", "none"));
        name.withArray("subAttributes").add(simple("familyName", "string", false, false, "readWrite", "none"));
        complex.put("name", name);
        attributes.add(name);
        ObjectNode emails = complexAttribute("emails", true);
        emails.withArray("subAttributes").add(simple("value", "string", false, false, "readWrite", "none"));
        emails.withArray("subAttributes").add(canonical(simple("type", "string", false, false, "readWrite", "none"), "work"));
        emails.withArray("subAttributes").add(simple("primary", "boolean", false, false, "readWrite", "none"));
        attributes.add(emails);
        attributes.add(simple("active", "boolean", false, false, "readWrite", "none"));
        attributes.add(simple("password", "string", false, true, "writeOnly", "none").put("returned", "never"));
        ObjectNode groups = complexAttribute("groups", true).put("mutability", "readOnly");
        groups.withArray("subAttributes").add(simple("value", "string", false, true, "readOnly", "none"));
        groups.withArray("subAttributes").add(simple("display", "string", false, false, "readOnly", "none"));
        groups.withArray("subAttributes").add(canonical(simple("type", "string", false, false, "readOnly", "none"), "direct"));
        attributes.add(groups);
        addMapped(mapping, null, attributes, complex);
        return schema(ScimSchemas.CORE_USER, "User", "User Account", attributes);
    }

    static ObjectNode enterpriseUser(UserAttributeMapping mapping) {
        ArrayNode attributes = JsonUtils.getJsonNodeFactory().arrayNode();
        addMapped(mapping, ScimSchemas.ENTERPRISE_USER, attributes, new LinkedHashMap<>());
        return schema(ScimSchemas.ENTERPRISE_USER, "EnterpriseUser", "Enterprise User", attributes);
    }

    static ObjectNode group() {
        ArrayNode attributes = JsonUtils.getJsonNodeFactory().arrayNode();
        attributes.add(simple("displayName", "string", true, false, "readWrite", "none"));
        attributes.add(simple("externalId", "string", false, true, "readWrite", "none"));
        ObjectNode members = complexAttribute("members", true);
        members.withArray("subAttributes").add(simple("value", "string", false, true, "immutable", "none"));
        members.withArray("subAttributes").add(simple("$ref", "reference", false, true, "immutable", "none")
                .set("referenceTypes", JsonUtils.getJsonNodeFactory().arrayNode().add("User").add("Group")));
        members.withArray("subAttributes").add(simple("display", "string", false, false, "readOnly", "none"));
        members.withArray("subAttributes").add(canonical(simple("type", "string", false, false, "immutable", "none"), "User", "Group"));
        attributes.add(members);
        return schema(ScimSchemas.CORE_GROUP, "Group", "Group; a group that is a member of another is its Keycloak sub-group", attributes);
    }

    private static void addMapped(UserAttributeMapping mapping, String schemaUrn, ArrayNode attributes, Map<String, ObjectNode> complex) {
        for (MappedAttribute m : mapping.attributes()) {
            if (!Objects.equals(m.schemaUrn(), schemaUrn)) {
                continue;
            }
            boolean caseExact = m.caseExact();
            if (m.subAttribute() == null && m.type() == null) {
                attributes.add(simple(m.attribute(), "string", false, caseExact, "readWrite", "none"));
                continue;
            }
            ObjectNode parent = complex.computeIfAbsent(m.attribute(), name -> {
                ObjectNode created = complexAttribute(name, m.type() != null);
                attributes.add(created);
                return created;
            });
            String sub = m.subAttribute() == null ? "value" : m.subAttribute();
            addSubAttributeOnce(parent, simple(sub, "string", false, caseExact, "readWrite", "none"));
            if (m.type() != null) {
                ObjectNode type = addSubAttributeOnce(parent, simple("type", "string", false, false, "readWrite", "none"));
                type.withArray("canonicalValues").add(m.type());
            }
        }
    }

    private static ObjectNode addSubAttributeOnce(ObjectNode parent, ObjectNode sub) {
        for (var existing : parent.withArray("subAttributes")) {
            if (existing.path("name").asText().equals(sub.path("name").asText())) {
                return (ObjectNode) existing;
            }
        }
        parent.withArray("subAttributes").add(sub);
        return sub;
    }

    private static ObjectNode canonical(ObjectNode attribute, String... values) {
        ArrayNode array = attribute.putArray("canonicalValues");
        for (String v : values) {
            array.add(v);
        }
        return attribute;
    }

    private static ObjectNode complexAttribute(String name, boolean multiValued) {
        ObjectNode node = JsonUtils.getJsonNodeFactory().objectNode();
        node.put("name", name).put("type", "complex").put("multiValued", multiValued).put("required", false)
                .put("mutability", "readWrite").put("returned", "default").put("uniqueness", "none");
        node.putArray("subAttributes");
        return node;
    }

    private static ObjectNode simple(String name, String type, boolean required, boolean caseExact, String mutability, String uniqueness) {
        ObjectNode node = JsonUtils.getJsonNodeFactory().objectNode();
        node.put("name", name).put("type", type).put("multiValued", false).put("required", required)
                .put("caseExact", caseExact).put("mutability", mutability).put("returned", "default").put("uniqueness", uniqueness);
        return node;
    }

    private static ObjectNode schema(String id, String name, String description, ArrayNode attributes) {
        ObjectNode node = JsonUtils.getJsonNodeFactory().objectNode();
        node.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:Schema");
        node.put("id", id).put("name", name).put("description", description);
        node.set("attributes", attributes);
        return node;
    }
}

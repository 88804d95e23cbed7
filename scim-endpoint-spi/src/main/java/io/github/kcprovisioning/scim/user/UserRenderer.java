package io.github.kcprovisioning.scim.user;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.api.ResourceVersions;

import java.time.Instant;

/** Renders a {@link UserSnapshot} as a full SCIM user (core schema, enterprise extension, meta with version). */
final class UserRenderer {

    static final String EMAIL_TYPE = "work";
    /** Keycloak memberships are all direct ones. */
    static final String GROUP_TYPE = "direct";

    private final UserAttributeMapping mapping;
    private final MappedAttributeCodec codec;

    UserRenderer(UserAttributeMapping mapping) {
        this.mapping = mapping;
        this.codec = new MappedAttributeCodec(mapping);
    }

    /** @param location absolute URL of the user, for meta.location */
    ObjectNode render(UserSnapshot user, String location) {
        ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode();
        ArrayNode schemas = json.putArray("schemas").add(ScimSchemas.CORE_USER);
        json.put("id", user.id());
        json.put("userName", user.username());
        if (user.firstName() != null || user.lastName() != null) {
            ObjectNode name = json.putObject("name");
            putIfPresent(name, "givenName", user.firstName());
            putIfPresent(name, "familyName", user.lastName());
        }
        if (user.email() != null) {
            json.putArray("emails").addObject().put("value", user.email()).put("type", EMAIL_TYPE).put("primary", true);
        }
        json.put("active", user.enabled());
        for (MappedAttribute m : mapping.attributes()) {
            String value = user.attributes().get(m.userAttribute());
            if (value != null) {
                codec.write(json, m, value);
            }
        }
        if (json.has(ScimSchemas.ENTERPRISE_USER)) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        // groups are read-only here and versioned by the Group resources: left out of the version so that it does not
        // depend on whether they were requested
        String version = ResourceVersions.of(json);
        if (user.groups() != null && !user.groups().isEmpty()) {
            ArrayNode groups = json.putArray("groups");
            user.groups().forEach(g -> groups.addObject().put("value", g.id()).put("display", g.name()).put("type", GROUP_TYPE));
        }
        ObjectNode meta = json.putObject("meta");
        meta.put("resourceType", "User");
        long created = user.createdTimestamp() == null ? 0L : user.createdTimestamp();
        meta.put("created", Instant.ofEpochMilli(created).toString());
        long modified = user.lastModifiedTimestamp() == null ? created : user.lastModifiedTimestamp();
        meta.put("lastModified", Instant.ofEpochMilli(modified).toString());
        meta.put("location", location);
        meta.put("version", version);
        return json;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

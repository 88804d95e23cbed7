package io.github.kcprovisioning.scim.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.api.ResourceVersions;
import io.github.kcprovisioning.scim.api.ScimContext;
import io.github.kcprovisioning.scim.user.ScimSchemas;

import java.time.Instant;

/** Renders a {@link GroupSnapshot} as a SCIM group; members carry {@code value}, {@code $ref}, {@code display}, {@code type}. */
final class GroupRenderer {

    static final String USER_MEMBER = "User";
    static final String GROUP_MEMBER = "Group";

    private final ScimContext context;

    GroupRenderer(ScimContext context) {
        this.context = context;
    }

    ObjectNode render(GroupSnapshot group) {
        ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode();
        json.putArray("schemas").add(ScimSchemas.CORE_GROUP);
        json.put("id", group.id());
        json.put("displayName", group.name());
        if (group.externalId() != null) {
            json.put("externalId", group.externalId());
        }
        long created = group.createdTimestamp() == null ? 0L : group.createdTimestamp();
        long modified = group.lastModifiedTimestamp() == null ? created : group.lastModifiedTimestamp();
        // members are not hashed (that would mean loading all of them for every ETag); every change through SCIM
        // moves the SCIM version and lastModified, which are part of it (a group SCIM never changed keeps the hash of before)
        ObjectNode versioned = json.deepCopy().put("lastModified", modified);
        if (group.version() > 0) {
            versioned.put("version", group.version());
        }
        String version = ResourceVersions.of(versioned);
        if (group.members() != null && !group.members().isEmpty()) {
            ArrayNode members = json.putArray("members");
            for (GroupSnapshot.Member m : group.members()) {
                String endpoint = m.group() ? "Groups" : "Users";
                members.addObject().put("value", m.id()).put("$ref", context.location(endpoint, m.id()))
                        .put("display", m.display()).put("type", m.group() ? GROUP_MEMBER : USER_MEMBER);
            }
        }
        ObjectNode meta = json.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", Instant.ofEpochMilli(created).toString());
        meta.put("lastModified", Instant.ofEpochMilli(modified).toString());
        meta.put("location", context.location("Groups", group.id()));
        meta.put("version", version);
        return json;
    }
}

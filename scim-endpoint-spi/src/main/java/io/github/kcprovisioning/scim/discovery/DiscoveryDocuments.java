package io.github.kcprovisioning.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.api.ListResponses;
import io.github.kcprovisioning.scim.api.ScimContext;
import io.github.kcprovisioning.scim.user.ScimSchemas;

import java.util.List;
import java.util.Optional;

/** ServiceProviderConfig, ResourceTypes and Schemas (RFC 7644 §4), stating exactly what this endpoint does. */
public final class DiscoveryDocuments {

    private static final String SPC_URN = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

    private DiscoveryDocuments() {
    }

    public static ObjectNode serviceProviderConfig(ScimContext ctx) {
        ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode();
        json.putArray("schemas").add(SPC_URN);
        json.put("documentationUri", "https://github.com/kcprovisioning/keycloak-provisioning#inbound-scim");
        json.putObject("patch").put("supported", true);
        json.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        json.putObject("filter").put("supported", true).put("maxResults", ctx.settings().maxPageSize());
        json.putObject("changePassword").put("supported", true);
        json.putObject("sort").put("supported", true);
        json.putObject("etag").put("supported", true);
        ObjectNode pagination = json.putObject("pagination");
        pagination.put("index", true).put("cursor", false).put("defaultPaginationMethod", "index")
                .put("defaultPageSize", ctx.settings().defaultPageSize()).put("maxPageSize", ctx.settings().maxPageSize());
        ArrayNode schemes = json.putArray("authenticationSchemes");
        schemes.addObject().put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "Access token of this realm (client credentials of a client whose service account holds role '"
                        + ctx.settings().requiredRole() + "')")
                .put("specUri", "https://www.rfc-editor.org/rfc/rfc6750").put("primary", true);
        json.putObject("meta").put("resourceType", "ServiceProviderConfig")
                .put("location", ctx.baseUrl() + "/ServiceProviderConfig");
        return json;
    }

    public static ObjectNode resourceTypes(ScimContext ctx) {
        List<ObjectNode> types = List.of(userType(ctx), groupType(ctx));
        return ListResponses.of(types.size(), 1, types);
    }

    public static Optional<ObjectNode> resourceType(ScimContext ctx, String id) {
        return List.of(userType(ctx), groupType(ctx)).stream().filter(t -> t.path("id").asText().equals(id)).findFirst();
    }

    public static ObjectNode schemas(ScimContext ctx) {
        List<ObjectNode> schemas = SchemaDocuments.all(ctx.settings().attributeMapping()).stream()
                .map(s -> withMeta(s, "Schema", ctx.baseUrl() + "/Schemas/" + s.path("id").asText())).toList();
        return ListResponses.of(schemas.size(), 1, schemas);
    }

    public static Optional<ObjectNode> schema(ScimContext ctx, String id) {
        return SchemaDocuments.all(ctx.settings().attributeMapping()).stream()
                .filter(s -> s.path("id").asText().equalsIgnoreCase(id))
                .map(s -> withMeta(s, "Schema", ctx.baseUrl() + "/Schemas/" + s.path("id").asText()))
                .findFirst();
    }

    private static ObjectNode userType(ScimContext ctx) {
        ObjectNode type = resourceType("User", "/Users", ScimSchemas.CORE_USER, "User Account");
        type.putArray("schemaExtensions").addObject().put("schema", ScimSchemas.ENTERPRISE_USER).put("required", false);
        return withMeta(type, "ResourceType", ctx.baseUrl() + "/ResourceTypes/User");
    }

    private static ObjectNode groupType(ScimContext ctx) {
        return withMeta(resourceType("Group", "/Groups", ScimSchemas.CORE_GROUP, "Group"), "ResourceType",
                ctx.baseUrl() + "/ResourceTypes/Group");
    }

    private static ObjectNode resourceType(String id, String endpoint, String schema, String description) {
        ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode();
        json.putArray("schemas").add(RESOURCE_TYPE_URN);
        json.put("id", id).put("name", id).put("endpoint", endpoint).put("description", description).put("schema", schema);
        return json;
    }

    private static ObjectNode withMeta(ObjectNode resource, String resourceType, String location) {
        ObjectNode copy = resource.deepCopy();
        copy.putObject("meta").put("resourceType", resourceType).put("location", location);
        return copy;
    }
}

package io.github.kcprovisioning.scim.token;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.api.AdminContext;
import io.github.kcprovisioning.scim.api.ScimDispatcher;
import io.github.kcprovisioning.scim.api.ScimJson;
import io.github.kcprovisioning.scim.api.ScimResponses;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.fgap.ClientPermissionEvaluator;

import java.time.Instant;

/**
 * {@code /realms/{realm}/provisioning/scim-tokens/{clientId}}: issue (POST, the token is shown once), list (GET, no
 * secrets) and revoke (DELETE /{tokenId}) static SCIM tokens. Callers are administrators who may manage the client, as
 * Keycloak's admin REST API decides it: {@code manage-clients} of the realm's {@code realm-management}, or of the
 * {@code <realm>-realm} client for a master-realm administrator (or a fine-grained permission on the client).
 */
public class ScimTokenResource {

    private final ScimDispatcher dispatcher;
    private final String clientId;

    public ScimTokenResource(KeycloakSession session, String clientId) {
        this.dispatcher = ScimDispatcher.admin(session);
        this.clientId = clientId;
    }

    @POST
    public Response issue() {
        return dispatcher.dispatchAdmin(ctx -> {
            ClientModel client = manageableClient(ctx);
            ScimTokens.Issued issued = new ScimTokens(ctx.session()).issue(ctx.realm(), client);
            ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode()
                    .put("id", issued.id()).put("clientId", client.getClientId()).put("token", issued.token())
                    .put("created", Instant.ofEpochMilli(issued.createdAt()).toString());
            ctx.adminEvent().operation(OperationType.CREATE).resource(ResourceType.CLIENT)
                    .resourcePath("clients", client.getId(), "scim-tokens", issued.id())
                    .representation(JsonUtils.getJsonNodeFactory().objectNode().put("scimTokenId", issued.id())).success();
            return Response.status(201).entity(ScimJson.write(json))
                    .type(MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    public Response list() {
        return dispatcher.dispatchAdmin(ctx -> {
            ClientModel client = manageableClient(ctx);
            ArrayNode tokens = JsonUtils.getJsonNodeFactory().arrayNode();
            new ScimTokens(ctx.session()).list(ctx.realm(), client).forEach(t -> tokens.addObject()
                    .put("id", t.getId()).put("created", Instant.ofEpochMilli(t.getCreatedAt()).toString()));
            return ScimResponses.ok(tokens);
        });
    }

    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("tokenId") String tokenId) {
        return dispatcher.dispatchAdmin(ctx -> {
            ClientModel client = manageableClient(ctx);
            if (!new ScimTokens(ctx.session()).revoke(ctx.realm(), client, tokenId)) {
                throw new ResourceNotFoundException("No SCIM token " + tokenId + " for client " + clientId);
            }
            ctx.adminEvent().operation(OperationType.DELETE).resource(ResourceType.CLIENT)
                    .resourcePath("clients", client.getId(), "scim-tokens", tokenId).success();
            return ScimResponses.noContent();
        });
    }

    /** like Keycloak's admin REST API: an unknown client is 404 only to an administrator who may list clients */
    private ClientModel manageableClient(AdminContext ctx) throws ScimException {
        ClientPermissionEvaluator permissions = ctx.permissions().clients();
        ClientModel client = ctx.realm().getClientByClientId(clientId);
        if (client == null || !client.isServiceAccountsEnabled()) {
            if (!permissions.canList()) {
                throw forbidden();
            }
            throw new ResourceNotFoundException("No client '" + clientId + "' with a service account in this realm");
        }
        if (!permissions.canManage(client)) {
            throw forbidden();
        }
        return client;
    }

    private ForbiddenException forbidden() {
        return new ForbiddenException("Managing the SCIM tokens of client '" + clientId + "' needs manage-clients");
    }
}

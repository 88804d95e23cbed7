package io.github.kcprovisioning.scim.token;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.utils.JsonUtils;
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
import org.keycloak.models.RealmModel;

import java.time.Instant;

/**
 * {@code /realms/{realm}/provisioning/scim-tokens/{clientId}}: issue (POST, the token is shown once), list (GET, no
 * secrets) and revoke (DELETE /{tokenId}) static SCIM tokens. Callers need {@code realm-management} {@code manage-clients}.
 */
public class ScimTokenResource {

    static final String MANAGE_CLIENTS = "realm-management.manage-clients";

    private final ScimDispatcher dispatcher;
    private final String clientId;

    public ScimTokenResource(KeycloakSession session, String clientId) {
        this.dispatcher = ScimDispatcher.admin(session, MANAGE_CLIENTS);
        this.clientId = clientId;
    }

    @POST
    public Response issue() {
        return dispatcher.dispatch(ctx -> {
            ClientModel client = client(ctx.realm());
            ScimTokens.Issued issued = new ScimTokens(ctx.session()).issue(ctx.realm(), client);
            ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode()
                    .put("id", issued.id()).put("clientId", client.getClientId()).put("token", issued.token())
                    .put("created", Instant.ofEpochMilli(issued.createdAt()).toString());
            ctx.audit().record(OperationType.CREATE, ResourceType.CLIENT,
                    JsonUtils.getJsonNodeFactory().objectNode().put("scimTokenId", issued.id()), "clients", client.getId(), "scim-tokens", issued.id());
            return Response.status(201).entity(ScimJson.write(json))
                    .type(MediaType.APPLICATION_JSON).build();
        });
    }

    @GET
    public Response list() {
        return dispatcher.dispatch(ctx -> {
            ClientModel client = client(ctx.realm());
            ArrayNode tokens = JsonUtils.getJsonNodeFactory().arrayNode();
            new ScimTokens(ctx.session()).list(ctx.realm(), client).forEach(t -> tokens.addObject()
                    .put("id", t.getId()).put("created", Instant.ofEpochMilli(t.getCreatedAt()).toString()));
            return ScimResponses.ok(tokens);
        });
    }

    @DELETE
    @Path("{tokenId}")
    public Response revoke(@PathParam("tokenId") String tokenId) {
        return dispatcher.dispatch(ctx -> {
            ClientModel client = client(ctx.realm());
            if (!new ScimTokens(ctx.session()).revoke(ctx.realm(), client, tokenId)) {
                throw new ResourceNotFoundException("No SCIM token " + tokenId + " for client " + clientId);
            }
            ctx.audit().record(OperationType.DELETE, ResourceType.CLIENT, null,
                    "clients", client.getId(), "scim-tokens", tokenId);
            return ScimResponses.noContent();
        });
    }

    private ClientModel client(RealmModel realm) throws ResourceNotFoundException {
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null || !client.isServiceAccountsEnabled()) {
            throw new ResourceNotFoundException("No client '" + clientId + "' with a service account in this realm");
        }
        return client;
    }
}

package io.github.kcprovisioning.scim.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.api.ScimDispatcher;
import io.github.kcprovisioning.scim.api.ScimResponses;
import io.github.kcprovisioning.scim.user.MappedAttribute;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code GET /realms/{realm}/provisioning/settings} ({@code view-realm}, also of a master administrator): the SCIM endpoint as it is in
 * effect, read-only (base URL, limits, attribute mapping), and the realm's SCIM clients: enabled clients whose service
 * account holds the required role, i.e. those that static SCIM tokens can be issued to.
 */
public class EffectiveSettingsResource {

    private final ScimDispatcher dispatcher;

    public EffectiveSettingsResource(ScimDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @GET
    public Response get() {
        return dispatcher.dispatchAdmin(ctx -> {
            if (!ctx.permissions().realm().canViewRealm()) {
                throw new ForbiddenException("Viewing the SCIM settings needs view-realm");
            }
            ScimSettings settings = ctx.settings();
            ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode()
                    .put("baseUrl", ctx.baseUrl())
                    .put("requiredRole", settings.requiredRole())
                    .put("audience", settings.audience())
                    .put("defaultPageSize", settings.defaultPageSize())
                    .put("maxPageSize", settings.maxPageSize())
                    .put("maxBodyBytes", settings.maxBodyBytes())
                    .put("maxBulkOperations", settings.maxBulkOperations());
            ArrayNode mappings = json.putArray("attributeMappings");
            for (MappedAttribute attribute : settings.attributeMapping().attributes()) {
                mappings.addObject().put("scimPath", attribute.path()).put("userAttribute", attribute.userAttribute());
            }
            ArrayNode clients = json.putArray("clients");
            scimClients(ctx.session(), ctx.realm(), settings.requiredRole()).forEach(clients::add);
            return ScimResponses.ok(json);
        });
    }

    private static List<String> scimClients(KeycloakSession session, RealmModel realm, String requiredRole) {
        RoleModel role = KeycloakModelUtils.getRoleFromString(realm, requiredRole);
        if (role == null) {
            return List.of();
        }
        return realm.getClientsStream()
                .filter(client -> client.isEnabled() && client.isServiceAccountsEnabled())
                .filter(client -> {
                    UserModel account = session.users().getServiceAccount(client);
                    return account != null && account.hasRole(role);
                })
                .map(ClientModel::getClientId)
                .sorted()
                .toList();
    }
}

package io.github.kcprovisioning.scim.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.utils.JsonUtils;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.api.ScimDispatcher;
import io.github.kcprovisioning.scim.api.ScimResponses;
import io.github.kcprovisioning.scim.settings.RealmScimSettings;
import io.github.kcprovisioning.scim.settings.ScimSetting;
import io.github.kcprovisioning.scim.settings.ScimSettingsPageFactory;
import io.github.kcprovisioning.scim.settings.ServerSettings;
import io.github.kcprovisioning.scim.user.MappedAttribute;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.common.Profile;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.urls.UrlType;

/**
 * {@code GET /realms/{realm}/provisioning/settings} ({@code view-realm}, also of a master administrator): the realm's SCIM endpoint as
 * it is in effect (on or off and why, base URL, limits, attribute mapping, and for each setting whether the realm sets
 * it or the server default applies), where to edit it in the admin console, and the realm's SCIM clients: enabled
 * clients whose service account holds the required role, i.e. those that static SCIM tokens can be issued to.
 */
public class EffectiveSettingsResource {

    private final KeycloakSession session;
    private final ServerSettings server;

    public EffectiveSettingsResource(KeycloakSession session, ServerSettings server) {
        this.session = session;
        this.server = server;
    }

    @GET
    public Response get() {
        return ScimDispatcher.admin(session).dispatchAdmin(ctx -> {
            if (!ctx.permissions().realm().canViewRealm()) {
                throw new ForbiddenException("Viewing the SCIM settings needs view-realm");
            }
            RealmScimSettings effective = RealmScimSettings.of(ctx.realm(), server);
            ObjectNode json = JsonUtils.getJsonNodeFactory().objectNode()
                    .put("baseUrl", ctx.baseUrl())
                    .put("enabled", effective.serving())
                    .put("componentId", effective.componentId())
                    .put("problem", effective.problem());
            if (Profile.isFeatureEnabled(Profile.Feature.DECLARATIVE_UI)) {
                json.put("adminConsoleUrl", adminConsoleUrl(ctx.realm(), effective.componentId()));
            }
            ScimSettings settings = effective.settings();
            if (settings != null) {
                json.put("requiredRole", settings.requiredRole())
                        .put("audience", settings.audience())
                        .put("defaultPageSize", settings.defaultPageSize())
                        .put("maxPageSize", settings.maxPageSize())
                        .put("maxBodyBytes", settings.maxBodyBytes())
                        .put("maxBulkOperations", settings.maxBulkOperations());
                ArrayNode mappings = json.putArray("attributeMappings");
                for (MappedAttribute attribute : settings.attributeMapping().attributes()) {
                    mappings.addObject().put("scimPath", attribute.path()).put("userAttribute", attribute.userAttribute());
                }
                ObjectNode source = json.putObject("source");
                for (ScimSetting setting : ScimSetting.values()) {
                    source.put(setting.jsonName(), effective.fromRealm().contains(setting) ? "realm" : "server");
                }
            }
            ArrayNode clients = json.putArray("clients");
            scimClients(ctx.session(), ctx.realm(), effective.requiredRole()).forEach(clients::add);
            return ScimResponses.ok(json);
        });
    }

    /** the admin console's page of the realm's SCIM endpoint settings: its entry, or the (empty) list to add one */
    private String adminConsoleUrl(RealmModel realm, String componentId) {
        String page = realm.getName() + "/page-section/" + ScimSettingsPageFactory.ID + (componentId == null ? "" : "/" + componentId);
        return session.getContext().getUri(UrlType.ADMIN).getBaseUriBuilder()
                .path("admin").path(realm.getName()).path("console").build() + "/#/" + page;
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

package io.github.kcprovisioning.scim.console;

import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.provider.ProviderEvent;

/**
 * The public OIDC client {@code provisioning-console} through which admins sign in to {@link ConsoleResource} (authorization
 * code + PKCE, redirect back to the page only). Like Keycloak's own {@code security-admin-console}, it is created with the
 * realm, and once at startup for realms that predate this provider; never on an anonymous request.
 */
public final class ConsoleClient {

    public static final String CLIENT_ID = "provisioning-console";
    private static final Logger LOG = Logger.getLogger(ConsoleClient.class);

    private ConsoleClient() {
    }

    /** Listener for {@link KeycloakSessionFactory#register}: new realms, and all realms once the schema is migrated. */
    public static void onEvent(KeycloakSessionFactory factory, ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            ensure(created.getCreatedRealm());
        } else if (event instanceof PostMigrationEvent) {
            KeycloakModelUtils.runJobInTransaction(factory, session -> session.realms().getRealmsStream().forEach(ConsoleClient::ensure));
        }
    }

    /** Adds the client unless the realm has one of that id (an admin may have adjusted or imported it: left alone). */
    static void ensure(RealmModel realm) {
        if (realm.getClientByClientId(CLIENT_ID) != null) {
            return;
        }
        String page = path(realm);
        ClientModel client = realm.addClient(CLIENT_ID);
        client.setName("${provisioningConsoleClient}");
        client.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        client.setPublicClient(true);
        client.setClientAuthenticatorType(KeycloakModelUtils.getDefaultClientAuthenticatorType());
        client.setFullScopeAllowed(true); // the admin's realm-management roles must reach the admin REST API in the token
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setEnabled(true);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl(page);
        client.addRedirectUri(page + "*");
        client.addWebOrigin("+");
        client.setAttribute("pkce.code.challenge.method", "S256");
        client.setAttribute("post.logout.redirect.uris", "+");
        // the realm's default client scopes (among them 'roles'), as the admin console attaches them to a new client
        for (boolean defaultScope : new boolean[]{true, false}) {
            Map<String, ClientScopeModel> attached = client.getClientScopes(defaultScope);
            realm.getDefaultClientScopesStream(defaultScope).filter(scope -> !attached.containsKey(scope.getName()))
                    .forEach(scope -> client.addClientScope(scope, defaultScope));
        }
        LOG.debugf("Created client %s in realm %s", CLIENT_ID, realm.getName());
    }

    /** the page's path below the server root */
    static String path(RealmModel realm) {
        return "/realms/" + realm.getName() + "/provisioning/console/";
    }
}

package io.github.kcprovisioning.scim.console;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
 * realm, and once at startup for realms that predate this provider; never on an anonymous request. Its base URL and
 * redirect URI name the realm, so it follows a realm rename like Keycloak's own clients do, as long as it still has the
 * values generated here.
 */
public final class ConsoleClient {

    public static final String CLIENT_ID = "provisioning-console";
    private static final Logger LOG = Logger.getLogger(ConsoleClient.class);
    /** {@link #path} of any realm name */
    private static final Pattern GENERATED_PATH = Pattern.compile("/realms/[^/]+/provisioning/console/");

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

    /**
     * Adds the client unless the realm has one of that id; one that an admin adjusted or imported is left alone, except for
     * the realm name in generated values ({@link #followRename}).
     */
    static void ensure(RealmModel realm) {
        ClientModel existing = realm.getClientByClientId(CLIENT_ID);
        if (existing != null) {
            followRename(realm, existing);
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

    /**
     * After a realm rename, moves the base URL and redirect URI to the page of the new name, as Keycloak's own rename does for
     * {@code security-admin-console} and {@code account-console} ({@code DefaultExportImportManager.renameRealm}). Only a
     * client that still has exactly the generated pair for some realm name is changed: an admin's edit is kept.
     */
    static void followRename(RealmModel realm, ClientModel client) {
        String page = path(realm);
        String base = client.getBaseUrl();
        if (page.equals(base) || base == null || !GENERATED_PATH.matcher(base).matches()
                || !client.getRedirectUris().equals(Set.of(base + "*"))) {
            return;
        }
        client.setBaseUrl(page);
        client.setRedirectUris(Set.of(page + "*"));
        LOG.infof("Moved client %s of realm %s from %s to %s (realm renamed)", CLIENT_ID, realm.getName(), base, page);
    }

    /** the page's path below the server root */
    static String path(RealmModel realm) {
        return "/realms/" + realm.getName() + "/provisioning/console/";
    }
}

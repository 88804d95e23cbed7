package io.github.kcprovisioning.scim.auth;

import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import io.github.kcprovisioning.scim.token.ScimTokenEntity;
import io.github.kcprovisioning.scim.token.ScimTokens;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Authenticates a request and checks the required role. Two kinds of bearer token are accepted: an access token issued
 * by this realm (verified by {@link AppAuthManager} like Keycloak's admin REST API does), or a static SCIM token
 * ({@link ScimTokens}) that stands for the service account of the client it was issued to.
 */
public final class ScimAuthenticator {

    private static final Logger LOG = Logger.getLogger(ScimAuthenticator.class);

    private final KeycloakSession session;
    private final String requiredRole;
    private final String audience;

    public ScimAuthenticator(KeycloakSession session, String requiredRole, String audience) {
        this.session = session;
        this.requiredRole = requiredRole;
        this.audience = audience;
    }

    public ScimCaller authenticate() throws ScimException {
        AppAuthManager.AuthHeader header = AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(session.getContext().getRequestHeaders());
        String bearer = header == null || !"bearer".equalsIgnoreCase(header.getScheme()) ? null : header.getToken();
        ScimCaller caller = ScimTokens.looksLikeOne(bearer) ? staticTokenCaller(bearer) : accessTokenCaller();
        requireRole(caller, requiredRole);
        return caller;
    }

    private void requireRole(ScimCaller caller, String role) throws ScimException {
        RealmModel realm = session.getContext().getRealm();
        RoleModel required = KeycloakModelUtils.getRoleFromString(realm, role);
        if (required == null) {
            LOG.warnf("Role '%s' required by the provisioning endpoint does not exist in realm '%s'", role, realm.getName());
            throw new ForbiddenException("Role '" + role + "' is not defined in this realm");
        }
        if (!caller.user().hasRole(required)) {
            throw new ForbiddenException("Client '" + caller.clientId() + "' lacks role '" + role + "'");
        }
    }

    private ScimCaller accessTokenCaller() throws UnauthorizedException {
        KeycloakContext context = session.getContext();
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(context.getRealm())
                .setUriInfo(context.getUri())
                .setConnection(context.getConnection())
                .setHeaders(context.getRequestHeaders())
                .setAudience(audience)
                .authenticate();
        if (result == null) {
            throw unauthorized();
        }
        return new ScimCaller(result.client(), result.user(), result.token());
    }

    private ScimCaller staticTokenCaller(String bearer) throws UnauthorizedException {
        RealmModel realm = session.getContext().getRealm();
        ScimTokenEntity stored = new ScimTokens(session).find(realm, bearer).orElseThrow(this::unauthorized);
        ClientModel client = realm.getClientById(stored.getClientId());
        UserModel serviceAccount = client == null || !client.isEnabled() ? null : session.users().getServiceAccount(client);
        if (serviceAccount == null || !serviceAccount.isEnabled()) {
            throw unauthorized();
        }
        // admin events and echo suppression identify the caller through the token's authorized party
        AccessToken token = new AccessToken();
        token.issuedFor(client.getClientId());
        token.setSubject(serviceAccount.getId());
        return new ScimCaller(client, serviceAccount, token);
    }

    private UnauthorizedException unauthorized() {
        return new UnauthorizedException("A valid bearer token of realm '" + session.getContext().getRealm().getName()
                + "' is required (an access token or a SCIM token of a client)");
    }

}

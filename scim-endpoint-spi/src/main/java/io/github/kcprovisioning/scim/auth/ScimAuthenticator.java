package io.github.kcprovisioning.scim.auth;

import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Authenticates a SCIM request the way Keycloak's admin REST API does: a bearer access token issued by this realm
 * (signature, expiry, issuer, active session checked by {@link AppAuthManager}), then a role check on the token's user.
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
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(realm)
                .setUriInfo(context.getUri())
                .setConnection(context.getConnection())
                .setHeaders(context.getRequestHeaders())
                .setAudience(audience)
                .authenticate();
        if (result == null) {
            throw new UnauthorizedException("A valid bearer access token issued by realm '" + realm.getName() + "' is required");
        }
        RoleModel role = KeycloakModelUtils.getRoleFromString(realm, requiredRole);
        if (role == null) {
            LOG.warnf("SCIM required role '%s' does not exist in realm '%s'; every SCIM request is refused", requiredRole, realm.getName());
            throw new ForbiddenException("Role '" + requiredRole + "' is not defined in this realm");
        }
        if (!result.user().hasRole(role)) {
            throw new ForbiddenException("Client '" + result.client().getClientId() + "' lacks role '" + requiredRole + "'");
        }
        return new ScimCaller(result.client(), result.user(), result.token());
    }
}

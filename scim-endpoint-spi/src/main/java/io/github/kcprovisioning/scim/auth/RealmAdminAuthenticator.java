package io.github.kcprovisioning.scim.auth;

import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import org.keycloak.Config;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Encode;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;

/**
 * Authenticates a call to the bundle's admin endpoints of a realm (SCIM tokens, settings) the way Keycloak's admin REST
 * API does ({@code AdminRoot.authenticateRealmAdminRequest}): the realm that issued the access token is read from its
 * issuer, and the token is verified by that realm ({@link AppAuthManager}). Accepted issuers are the realm itself and the
 * master (administration) realm; what the administrator may do is then decided by Keycloak's {@code AdminPermissions},
 * i.e. by the {@code realm-management} roles of a realm's own administrator, or by the roles of the {@code <realm>-realm}
 * client of the master realm. Tokens of any other realm and static SCIM tokens get 401: never across realms.
 */
public final class RealmAdminAuthenticator {

    private RealmAdminAuthenticator() {
    }

    public static AdminAuth authenticate(KeycloakSession session, RealmModel realm) throws UnauthorizedException {
        KeycloakContext context = session.getContext();
        AppAuthManager.AuthHeader header = AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(context.getRequestHeaders());
        String tokenString = header == null ? null : header.getToken();
        RealmModel issuer = issuingRealm(session, realm, tokenString);
        AuthResult result;
        try {
            // like AdminRoot: the token is verified in the context of the realm that issued it
            context.setRealm(issuer);
            result = new AppAuthManager.BearerTokenAuthenticator(session)
                    .setRealm(issuer)
                    .setTokenString(tokenString)
                    .authenticate();
        } finally {
            context.setRealm(realm);
        }
        if (result == null) {
            throw unauthorized(realm);
        }
        context.setBearerToken(result.token());
        return new AdminAuth(issuer, result.token(), result.user(), result.client());
    }

    /** the realm named by the token's issuer, if it is this realm or the master realm; verified afterwards, never trusted */
    private static RealmModel issuingRealm(KeycloakSession session, RealmModel realm, String tokenString) throws UnauthorizedException {
        if (tokenString == null) {
            throw unauthorized(realm);
        }
        String issuer;
        try {
            issuer = TokenVerifier.create(tokenString, AccessToken.class).getToken().getIssuer();
        } catch (VerificationException e) {
            throw unauthorized(realm); // not a JWT, e.g. a static SCIM token
        }
        if (issuer == null) {
            throw unauthorized(realm);
        }
        String realmName = Encode.decodePath(issuer.substring(issuer.lastIndexOf('/') + 1));
        if (realmName.equals(realm.getName())) {
            return realm;
        }
        RealmModel master = realmName.equals(Config.getAdminRealm()) ? session.realms().getRealmByName(realmName) : null;
        if (master == null) {
            throw unauthorized(realm);
        }
        return master;
    }

    private static UnauthorizedException unauthorized(RealmModel realm) {
        return new UnauthorizedException("An administrator's access token of realm '" + realm.getName()
                + "' or of the master realm is required");
    }
}

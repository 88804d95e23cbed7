package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.audit.ScimAudit;
import io.github.kcprovisioning.scim.auth.ScimAuthenticator;
import io.github.kcprovisioning.scim.auth.ScimCaller;
import io.github.kcprovisioning.scim.scope.ClientScope;
import io.github.kcprovisioning.scim.settings.RealmScimSettings;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Runs every call of the realm resource the same way: authenticate, execute, flush, and on any failure roll the whole
 * transaction back and answer with an RFC 7644 error, so that a failed request never leaves anything half-written.
 * A SCIM call ({@link #scim}) is first checked against the realm's SCIM settings, before authentication: a realm whose
 * SCIM is off answers 404 (switched off) or 503 (unusable settings) to everyone.
 */
public final class ScimDispatcher {

    private final KeycloakSession session;
    /** the realm's SCIM settings for SCIM calls; {@code null} for the administrative calls, which do not depend on them */
    private final RealmScimSettings realmSettings;
    private final String role;
    private final String audience;

    private ScimDispatcher(KeycloakSession session, RealmScimSettings realmSettings, String role, String audience) {
        this.session = session;
        this.realmSettings = realmSettings;
        this.role = role;
        this.audience = audience;
    }

    /** calls of the SCIM endpoint: served as the realm's settings say, by clients holding its required role */
    public static ScimDispatcher scim(KeycloakSession session, RealmScimSettings realmSettings) {
        ScimSettings settings = realmSettings.settings();
        return new ScimDispatcher(session, realmSettings, settings == null ? null : settings.requiredRole(),
                settings == null ? null : settings.audience());
    }

    /**
     * administrative calls of the realm resource (static tokens, the settings view): callers need {@code role}, e.g.
     * {@code realm-management.manage-clients}; they work whatever the realm's SCIM settings are
     */
    public static ScimDispatcher admin(KeycloakSession session, String role) {
        return new ScimDispatcher(session, null, role, null);
    }

    @FunctionalInterface
    public interface ScimOperation {
        Response run(ScimContext context) throws ScimException;
    }

    public Response dispatch(ScimOperation operation) {
        RealmModel realm = session.getContext().getRealm();
        try {
            if (realmSettings != null && !realmSettings.serving()) {
                throw realmSettings.unavailable();
            }
            ScimCaller caller = new ScimAuthenticator(session, role, audience).authenticate();
            ScimContext context = new ScimContext(session, realm, realmSettings == null ? null : realmSettings.settings(), caller,
                    ClientScope.of(session, realm, caller.client()), baseUrl(realm),
                    new ScimAudit(session, realm, caller));
            Response response = operation.run(context);
            // constraint violations (e.g. a concurrent create of the same userName) surface here, not at commit
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            return response;
        } catch (ScimException e) {
            return fail(e, realm);
        } catch (RuntimeException e) {
            return fail(ScimErrors.fromRuntime(e), realm);
        }
    }

    private Response fail(ScimException e, RealmModel realm) {
        session.getTransactionManager().setRollbackOnly();
        return ScimErrors.toResponse(e, realm.getName());
    }

    private String baseUrl(RealmModel realm) {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("provisioning").path("scim").path("v2")
                .build().toString();
    }
}

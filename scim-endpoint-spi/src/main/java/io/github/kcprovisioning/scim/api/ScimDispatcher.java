package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.audit.ScimAudit;
import io.github.kcprovisioning.scim.auth.RealmAdminAuthenticator;
import io.github.kcprovisioning.scim.auth.ScimAuthenticator;
import io.github.kcprovisioning.scim.auth.ScimCaller;
import io.github.kcprovisioning.scim.scope.ClientScope;
import io.github.kcprovisioning.scim.settings.RealmScimSettings;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Runs every call of the realm resource the same way: authenticate, execute, flush, and on any failure roll the whole
 * transaction back and answer with an RFC 7644 error, so that a failed request never leaves anything half-written.
 * A SCIM call ({@link #scim}) is first checked against the realm's SCIM settings, before authentication: a realm whose
 * SCIM is off answers 404 (switched off) or 503 (unusable settings) to everyone; it accepts only callers of the realm
 * itself. Admin calls ({@link #admin}) work whatever the SCIM settings are, also for master-realm administrators.
 */
public final class ScimDispatcher {

    private final KeycloakSession session;
    /** the realm's SCIM settings for SCIM calls; {@code null} for the administrative calls, which do not depend on them */
    private final RealmScimSettings realmSettings;

    private ScimDispatcher(KeycloakSession session, RealmScimSettings realmSettings) {
        this.session = session;
        this.realmSettings = realmSettings;
    }

    /** calls of the SCIM endpoint: served as the realm's settings say, by clients holding its required role */
    public static ScimDispatcher scim(KeycloakSession session, RealmScimSettings realmSettings) {
        return new ScimDispatcher(session, realmSettings);
    }

    /** administrative calls of the realm resource (static tokens, the settings view) */
    public static ScimDispatcher admin(KeycloakSession session) {
        return new ScimDispatcher(session, null);
    }

    @FunctionalInterface
    public interface ScimOperation {
        Response run(ScimContext context) throws ScimException;
    }

    @FunctionalInterface
    public interface AdminOperation {
        Response run(AdminContext context) throws ScimException;
    }

    /** A SCIM operation: the caller needs a token of this realm (or a static SCIM token) holding the required role. */
    public Response dispatch(ScimOperation operation) {
        if (realmSettings == null) {
            throw new IllegalStateException("an administrative dispatcher runs admin operations only");
        }
        return transactional(realm -> {
            if (!realmSettings.serving()) {
                throw realmSettings.unavailable();
            }
            ScimSettings settings = realmSettings.settings();
            ScimCaller caller = new ScimAuthenticator(session, settings.requiredRole(), settings.audience()).authenticate();
            return operation.run(new ScimContext(session, realm, settings, caller,
                    ClientScope.of(session, realm, caller.client()), baseUrl(realm), new ScimAudit(session, realm, caller)));
        });
    }

    /**
     * An admin operation (SCIM tokens, settings): the caller is an administrator of this realm or of the master realm,
     * authenticated like for Keycloak's admin REST API; the operation checks what it needs through
     * {@link AdminContext#permissions()}.
     */
    public Response dispatchAdmin(AdminOperation operation) {
        return transactional(realm -> {
            AdminAuth auth = RealmAdminAuthenticator.authenticate(session, realm);
            return operation.run(new AdminContext(session, realm, baseUrl(realm), auth,
                    AdminPermissions.evaluator(session, realm, auth)));
        });
    }

    @FunctionalInterface
    private interface InRealm {
        Response run(RealmModel realm) throws ScimException;
    }

    /** runs, flushes, and on any failure rolls the whole transaction back and answers with an RFC 7644 error */
    private Response transactional(InRealm operation) {
        RealmModel realm = session.getContext().getRealm();
        try {
            Response response = operation.run(realm);
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

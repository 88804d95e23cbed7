package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.audit.ScimAudit;
import io.github.kcprovisioning.scim.auth.RealmAdminAuthenticator;
import io.github.kcprovisioning.scim.auth.ScimAuthenticator;
import io.github.kcprovisioning.scim.auth.ScimCaller;
import io.github.kcprovisioning.scim.scope.ClientScope;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Runs every operation of the provisioning resource the same way: authenticate, execute, flush, and on any failure roll
 * the whole transaction back and answer with an RFC 7644 error, so that a failed request never leaves anything half-written.
 * SCIM operations accept only callers of the realm itself; admin operations also master-realm administrators.
 */
public final class ScimDispatcher {

    private final KeycloakSession session;
    private final ScimSettings settings;

    public ScimDispatcher(KeycloakSession session, ScimSettings settings) {
        this.session = session;
        this.settings = settings;
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
        return transactional(realm -> {
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
            return operation.run(new AdminContext(session, realm, settings, baseUrl(realm), auth,
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

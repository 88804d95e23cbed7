package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.ScimSettings;
import io.github.kcprovisioning.scim.audit.ScimAudit;
import io.github.kcprovisioning.scim.auth.ScimAuthenticator;
import io.github.kcprovisioning.scim.auth.ScimCaller;
import io.github.kcprovisioning.scim.scope.ClientScope;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Runs every SCIM operation the same way: authenticate, execute, flush, and on any failure roll the whole
 * transaction back and answer with an RFC 7644 error, so that a failed request never leaves anything half-written.
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

    public Response dispatch(ScimOperation operation) {
        return dispatch(settings.requiredRole(), operation);
    }

    /** @param role the role the caller must hold (the SCIM role, or e.g. {@code realm-management.manage-clients}) */
    public Response dispatch(String role, ScimOperation operation) {
        RealmModel realm = session.getContext().getRealm();
        try {
            ScimAuthenticator authenticator = new ScimAuthenticator(session, role, settings.audience());
            ScimCaller caller = authenticator.authenticate();
            ScimContext context = new ScimContext(session, realm, settings, caller,
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

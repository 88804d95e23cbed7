package io.github.kcprovisioning.jit;

import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorPageException;

/**
 * Refuses a brokered login with Keycloak's themed error page (403) and a message key from the {@code themes} bundle.
 * Only thrown from {@code preprocessFederatedIdentity}, i.e. before Keycloak creates or updates the user, so that a refused
 * login leaves nothing half-written.
 */
public final class LoginDenial {

    /** The mapper's configuration is invalid: fail closed rather than provision with half a config. */
    public static final String CONFIGURATION_ERROR = "jitConfigurationError";
    public static final String ACCESS_DENIED = "jitAccessDenied";
    public static final String GROUPS_CLAIM_MISSING = "jitGroupsClaimMissing";
    public static final String REQUIRED_CLAIM_MISSING = "jitRequiredClaimMissing";
    public static final String CLAIM_INVALID = "jitClaimInvalid";

    private LoginDenial() {}

    public static ErrorPageException deny(KeycloakSession session, BrokeredIdentityContext context, String messageKey,
                                          Object... parameters) {
        return new ErrorPageException(session, context.getAuthenticationSession(), Response.Status.FORBIDDEN, messageKey,
                parameters);
    }
}

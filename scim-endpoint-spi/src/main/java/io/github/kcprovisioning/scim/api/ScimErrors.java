package io.github.kcprovisioning.scim.api;

import com.unboundid.scim2.common.exceptions.ForbiddenException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.exceptions.ServerErrorException;
import com.unboundid.scim2.common.exceptions.UnauthorizedException;
import com.unboundid.scim2.common.messages.ErrorResponse;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.ModelDuplicateException;

/** The one place where failures become RFC 7644 §3.12 error responses. */
public final class ScimErrors {

    private static final Logger LOG = Logger.getLogger(ScimErrors.class);

    private ScimErrors() {
    }

    public static Response toResponse(ScimException e, String realmName) {
        ErrorResponse error = e.getScimError();
        Response.ResponseBuilder builder = Response.status(error.getStatus())
                .type(ScimMediaType.SCIM_JSON)
                .entity(ScimJson.write(error));
        if (error.getStatus() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + realmName + "\"");
        }
        return builder.build();
    }

    /** Turns what Keycloak's model layer throws into the matching SCIM error; anything unknown is a logged 500. */
    public static ScimException fromRuntime(RuntimeException e) {
        if (e instanceof ModelDuplicateException) {
            // one from a unique constraint (e.g. a concurrent request) carries the SQL statement: not for the client
            return ResourceConflictException.uniqueness(e.getMessage() == null || e.getCause() != null
                    ? "A unique value of the resource is already taken" : e.getMessage());
        }
        if (e instanceof NotAuthorizedException) {
            return new UnauthorizedException("A single valid bearer token is required"); // e.g. two Authorization headers
        }
        if (e instanceof jakarta.ws.rs.ForbiddenException) {
            return new ForbiddenException("Forbidden"); // a check of Keycloak's admin permissions
        }
        LOG.error("Unexpected failure in SCIM endpoint", e);
        return new ServerErrorException("Internal error; see the server log");
    }
}

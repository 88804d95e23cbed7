package io.github.kcprovisioning.sync.capture;

import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;

/**
 * Which client made the change being recorded, for echo suppression: a target linked to that client gets no row.
 * An explicit {@link #SESSION_ATTRIBUTE} wins; otherwise the client the request's bearer token was issued to (how our
 * SCIM endpoint and the admin REST API authenticate callers). Browser logins and background jobs have no origin.
 */
public final class ChangeOrigin {

    public static final String SESSION_ATTRIBUTE = "io.github.kcprovisioning.origin-client";

    private ChangeOrigin() {
    }

    public static String clientOf(KeycloakSession session) {
        if (session.getAttribute(SESSION_ATTRIBUTE) instanceof String client) {
            return client;
        }
        return session.getContext().getBearerToken() instanceof AccessToken token ? token.getIssuedFor() : null;
    }
}

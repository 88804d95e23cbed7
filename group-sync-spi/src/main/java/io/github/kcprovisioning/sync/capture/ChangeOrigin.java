package io.github.kcprovisioning.sync.capture;

import org.keycloak.models.KeycloakSession;

/**
 * Contract with the inbound SCIM endpoint for echo suppression: while it applies a request it stores the SCIM client's
 * client id under {@link #SESSION_ATTRIBUTE}; a target linked to that client then gets no outbox row for the change.
 */
public final class ChangeOrigin {

    public static final String SESSION_ATTRIBUTE = "io.github.kcprovisioning.origin-client";

    private ChangeOrigin() {
    }

    public static String clientOf(KeycloakSession session) {
        Object origin = session.getAttribute(SESSION_ATTRIBUTE);
        return origin instanceof String client ? client : null;
    }
}

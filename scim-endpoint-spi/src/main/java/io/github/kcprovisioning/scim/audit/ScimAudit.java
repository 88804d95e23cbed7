package io.github.kcprovisioning.scim.audit;

import io.github.kcprovisioning.scim.auth.ScimCaller;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Emits a Keycloak admin event for every change made through SCIM. The event's auth details name the SCIM client
 * (and its service-account user), so audit logs and the outbound sync can tell SCIM changes apart; the {@code origin}
 * detail ({@code scim:<clientId>}) is the one every automated change of the bundle carries.
 */
public final class ScimAudit {
    static final String ORIGIN_DETAIL = "origin";

    private final KeycloakSession session;
    private final AdminEventBuilder events;

    public ScimAudit(KeycloakSession session, RealmModel realm, ScimCaller caller) {
        this.session = session;
        AdminAuth auth = new AdminAuth(realm, caller.token(), caller.user(), caller.client());
        this.events = new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .detail("scimClient", caller.clientId())
                .detail(ORIGIN_DETAIL, "scim:" + caller.clientId());
    }

    public void record(OperationType operation, ResourceType type, Object representation, String... path) {
        events.clone(session).operation(operation).resource(type).resourcePath(path).representation(representation).success();
    }
}

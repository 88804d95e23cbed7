package io.github.kcprovisioning.sync.drain;

import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import io.github.kcprovisioning.sync.outbox.ResourceKind;
import java.util.Map;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Records a delivered outbox row as an admin event ({@code ACTION} on the user or group, detail {@code origin=outbound:<target
 * id>}, {@code operation=<outbox operation>}), when the realm keeps admin events. Only stored, never handed to event listeners:
 * a push changes nothing in Keycloak, and the outbound listener would queue the user or group for the push again.
 */
final class PushAudit {
    static final String ORIGIN_DETAIL = "origin";

    private PushAudit() {
    }

    static String origin(String targetId) {
        return "outbound:" + targetId;
    }

    static void delivered(KeycloakSession session, RealmModel realm, OutboxEntry entry) {
        if (!realm.isAdminEventsEnabled()) {
            return;
        }
        boolean aboutUser = entry.getOperation().orderedBy() == ResourceKind.USER;
        AdminEvent event = new AdminEvent();
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setOperationType(OperationType.ACTION);
        event.setResourceType(aboutUser ? ResourceType.USER : ResourceType.GROUP);
        event.setResourcePath(aboutUser ? "users/" + entry.getUserId() : "groups/" + entry.getGroupId());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setIpAddress("127.0.0.1");
        event.setAuthDetails(auth);
        event.setDetails(Map.of(ORIGIN_DETAIL, origin(entry.getTargetId()), "operation", entry.getOperation().name(),
                "name", String.valueOf(entry.getResourceName())));
        session.getProvider(EventStoreProvider.class).onEvent(event, false);
    }
}

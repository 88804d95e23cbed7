package io.github.kcprovisioning.jit.expiry;

import java.util.Map;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Admin events for changes no admin made (a scheduled sweep, a login re-enabling an account): stored when the realm keeps
 * admin events and handed to the realm's event listeners (so outbound sync pushes them like any change). Keycloak's
 * {@code AdminEventBuilder} needs an authenticated admin; here the origin is named in the event's details instead.
 */
final class AutomationAudit {
    static final String ORIGIN_DETAIL = "origin";

    private AutomationAudit() {
    }

    static void userChanged(KeycloakSession session, RealmModel realm, UserModel user, OperationType operation, String origin, String reason) {
        AdminEvent event = new AdminEvent();
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setOperationType(operation);
        event.setResourceType(ResourceType.USER);
        event.setResourcePath("users/" + user.getId());
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setIpAddress("127.0.0.1");
        event.setAuthDetails(auth);
        event.setDetails(Map.of(ORIGIN_DETAIL, origin, "reason", reason));
        if (operation != OperationType.DELETE) {
            event.setRepresentation(toJson(ModelToRepresentation.toRepresentation(session, realm, user)));
        }
        send(session, realm, event);
    }

    private static void send(KeycloakSession session, RealmModel realm, AdminEvent event) {
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            session.getProvider(EventStoreProvider.class).onEvent(event, withRepresentation);
        }
        realm.getEventsListenersStream()
                .map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(listener -> listener != null)
                .forEach(listener -> listener.onEvent(event, withRepresentation));
    }

    private static String toJson(Object representation) {
        try {
            return JsonSerialization.writeValueAsString(representation);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot serialise " + representation.getClass().getSimpleName(), e);
        }
    }
}

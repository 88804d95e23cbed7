package io.github.kcprovisioning.jit.lifecycle;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.ModelToRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * Admin events for changes no admin made (a JIT login, the scheduled sweep): stored when the realm keeps admin events and
 * handed to the realm's event listeners (so outbound sync pushes them like any change). Keycloak's {@code AdminEventBuilder}
 * needs an authenticated admin; here the origin is named in the event's {@value #ORIGIN_DETAIL} detail instead:
 * {@code jit:<idp alias>} or {@value #SWEEP}.
 */
public final class AutomationAudit {
    public static final String ORIGIN_DETAIL = "origin";
    /** Origin of the changes of the scheduled expiry sweep. */
    public static final String SWEEP = "sweep";
    private static final String REPORTED = AutomationAudit.class.getName() + ".reported";

    private AutomationAudit() {
    }

    /** Origin of the changes a login through identity provider {@code idpAlias} makes. */
    public static String jit(String idpAlias) {
        return "jit:" + idpAlias;
    }

    public static void userChanged(KeycloakSession session, RealmModel realm, UserModel user, OperationType operation, String origin,
                                   String reason) {
        AdminEvent event = event(realm, operation, ResourceType.USER, "users/" + user.getId(), origin, reason);
        if (operation != OperationType.DELETE) {
            event.setRepresentation(toJson(ModelToRepresentation.toRepresentation(session, realm, user)));
        }
        send(session, realm, event);
    }

    /**
     * A login created or updated the user: reported once per login, however many JIT mappers the identity provider has.
     */
    public static void userProvisioned(KeycloakSession session, RealmModel realm, UserModel user, OperationType operation,
                                       String idpAlias) {
        if (firstInSession(session, operation + "|users/" + user.getId())) {
            userChanged(session, realm, user, operation, jit(idpAlias),
                    operation == OperationType.CREATE ? "first login" : "login");
        }
    }

    public static void groupCreated(KeycloakSession session, RealmModel realm, GroupModel group, String origin) {
        AdminEvent event = event(realm, OperationType.CREATE, ResourceType.GROUP, "groups/" + group.getId(), origin,
                "asserted by the identity provider");
        event.setRepresentation(toJson(ModelToRepresentation.toRepresentation(group, true)));
        send(session, realm, event);
    }

    /** {@code operation}: CREATE for a join, DELETE for a leave; the path is the one Keycloak's admin API uses. */
    public static void membershipChanged(KeycloakSession session, RealmModel realm, UserModel user, GroupModel group,
                                         OperationType operation, String origin) {
        AdminEvent event = event(realm, operation, ResourceType.GROUP_MEMBERSHIP,
                "users/" + user.getId() + "/groups/" + group.getId(), origin,
                operation == OperationType.CREATE ? "asserted by the identity provider" : "no longer asserted by the identity provider");
        event.setRepresentation(toJson(ModelToRepresentation.toRepresentation(group, true)));
        send(session, realm, event);
    }

    private static AdminEvent event(RealmModel realm, OperationType operation, ResourceType type, String path, String origin,
                                    String reason) {
        AdminEvent event = new AdminEvent();
        event.setTime(System.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setOperationType(operation);
        event.setResourceType(type);
        event.setResourcePath(path);
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setIpAddress("127.0.0.1");
        event.setAuthDetails(auth);
        event.setDetails(Map.of(ORIGIN_DETAIL, origin, "reason", reason));
        return event;
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

    @SuppressWarnings("unchecked")
    private static boolean firstInSession(KeycloakSession session, String key) {
        Set<String> reported = (Set<String>) session.getAttribute(REPORTED);
        if (reported == null) {
            reported = new HashSet<>();
            session.setAttribute(REPORTED, reported);
        }
        return reported.add(key);
    }

    private static String toJson(Object representation) {
        try {
            return JsonSerialization.writeValueAsString(representation);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot serialise " + representation.getClass().getSimpleName(), e);
        }
    }
}

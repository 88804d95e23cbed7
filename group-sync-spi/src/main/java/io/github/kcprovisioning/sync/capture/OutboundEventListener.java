package io.github.kcprovisioning.sync.capture;

import java.util.Set;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns Keycloak user and admin events into outbox rows. Keycloak calls it inside the request's transaction, before
 * commit. Deletes and memberships are captured from model events instead (see {@link ModelChangeCapture}); user
 * creations and profile updates have no model event, so they need this listener enabled on the realm. Neither have users
 * that user federation (LDAP) imports: they are pushed after an admin-triggered sync and when they log in.
 */
public class OutboundEventListener implements EventListenerProvider {

    /** user events after which the user's current state is pushed */
    static final Set<EventType> USER_CHANGING_EVENTS = Set.of(
            EventType.REGISTER, EventType.UPDATE_PROFILE, EventType.UPDATE_EMAIL, EventType.VERIFY_EMAIL,
            EventType.IDENTITY_PROVIDER_FIRST_LOGIN, EventType.IDENTITY_PROVIDER_LOGIN,
            EventType.IDENTITY_PROVIDER_LINK_ACCOUNT, EventType.FEDERATED_IDENTITY_LINK);

    /**
     * Whether the user's state may have changed. A returning user's brokered login ends with a plain {@code LOGIN}
     * (with the {@code identity_provider} detail), not with {@code IDENTITY_PROVIDER_LOGIN}, yet the IdP's sync mode and
     * our JIT mappers may just have updated the user's name, e-mail or attributes: push the user's state after it too.
     * Likewise the login of a user from user federation (LDAP): the lookup may just have imported the user from the
     * directory, which Keycloak reports with no other event.
     */
    static boolean changesUser(Event event, boolean federated) {
        if (USER_CHANGING_EVENTS.contains(event.getType())) {
            return true;
        }
        return event.getType() == EventType.LOGIN && (federated
                || event.getDetails() != null && event.getDetails().get(Details.IDENTITY_PROVIDER) != null);
    }

    private final KeycloakSession session;
    private final ChangeRecorder recorder;

    public OutboundEventListener(KeycloakSession session) {
        this.session = session;
        this.recorder = new ChangeRecorder(session);
    }

    @Override
    public void onEvent(Event event) {
        if (event.getUserId() == null || event.getType() != EventType.LOGIN && !USER_CHANGING_EVENTS.contains(event.getType())) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user != null && changesUser(event, user.getFederationLink() != null)) {
            recorder.userChanged(realm, user.getId(), user.getUsername());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        AdminPath path = AdminPath.parse(event.getResourcePath());
        if (event.getOperationType() == OperationType.ACTION && path.at(2).filter("sync"::equals).isPresent()) {
            // user-storage/{id}/sync: the users a federation sync imported or updated (Keycloak reports them no other way)
            path.segment(0, "user-storage").ifPresent(storageId -> FederationImports.queueAll(session, realm, storageId, recorder));
            return;
        }
        if (event.getResourceType() == null) {
            return;
        }
        switch (event.getResourceType()) {
            case USER -> {
                if (event.getOperationType() != OperationType.DELETE) {
                    path.segment(0, "users").map(id -> session.users().getUserById(realm, id))
                            .ifPresent(user -> recorder.userChanged(realm, user.getId(), user.getUsername()));
                }
            }
            case GROUP -> {
                if (event.getOperationType() != OperationType.DELETE) {
                    path.segment(0, "groups").map(realm::getGroupById)
                            .ifPresent(group -> recorder.groupChanged(realm, group.getId(), group.getName()));
                }
            }
            case GROUP_MEMBERSHIP -> path.segment(0, "users").map(id -> session.users().getUserById(realm, id)).ifPresent(user ->
                    path.segment(2, "groups").map(realm::getGroupById).map(GroupModel::getId).ifPresent(groupId -> {
                        if (event.getOperationType() == OperationType.CREATE) {
                            recorder.memberAdded(realm, groupId, user.getId(), user.getUsername());
                        } else if (event.getOperationType() == OperationType.DELETE) {
                            recorder.memberRemoved(realm, groupId, user.getId(), user.getUsername());
                        }
                    }));
            default -> {
            }
        }
    }

    @Override
    public void close() {
    }
}

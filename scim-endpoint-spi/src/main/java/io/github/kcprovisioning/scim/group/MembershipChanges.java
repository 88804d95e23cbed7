package io.github.kcprovisioning.scim.group;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.cache.CachedUserModel;
import org.keycloak.provider.ProviderEvent;

import java.util.function.Consumer;

/**
 * Joins and leaves a group for a user, telling whether anything changed, with the statements Keycloak's admin REST API
 * needs and no check of its own. Keycloak's user adapter checks the membership row by key and fires
 * {@link GroupModel.GroupMemberJoinEvent} / {@link GroupModel.GroupMemberLeaveEvent} only when it inserted or deleted
 * one; counting those events per session tells the caller whether the call changed a membership. The change goes to
 * the cache's delegate directly: the cache's own check first loads all groups of the user (one more query, which
 * Keycloak builds and translates anew on every call), and the delegate is what the cache writes through anyway.
 */
public final class MembershipChanges {

    private static final String COUNT_ATTRIBUTE = MembershipChanges.class.getName();

    private MembershipChanges() {
    }

    /** Listener for {@code KeycloakSessionFactory#register}. */
    public static void onEvent(ProviderEvent event) {
        if (event instanceof GroupModel.GroupMemberJoinEvent || event instanceof GroupModel.GroupMemberLeaveEvent) {
            KeycloakSession session = ((GroupModel.GroupEvent) event).getKeycloakSession();
            session.setAttribute(COUNT_ATTRIBUTE, count(session) + 1);
        }
    }

    /** @return whether the user was not a direct member before (a member of a sub-group is not one) */
    static boolean join(KeycloakSession session, UserModel user, GroupModel group) {
        return changes(session, user, writable -> writable.joinGroup(group));
    }

    /** @return whether the user was a direct member */
    static boolean leave(KeycloakSession session, UserModel user, GroupModel group) {
        return changes(session, user, writable -> writable.leaveGroup(group));
    }

    private static boolean changes(KeycloakSession session, UserModel user, Consumer<UserModel> change) {
        // getDelegateForUpdate also drops the user from the cache when this transaction commits, as the cache's own write does
        UserModel writable = user instanceof CachedUserModel cached ? cached.getDelegateForUpdate() : user;
        long before = count(session);
        change.accept(writable);
        return count(session) != before;
    }

    private static long count(KeycloakSession session) {
        Long count = session.getAttribute(COUNT_ATTRIBUTE, Long.class);
        return count == null ? 0 : count;
    }
}

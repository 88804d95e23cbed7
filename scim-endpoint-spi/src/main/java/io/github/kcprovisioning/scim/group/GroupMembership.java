package io.github.kcprovisioning.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import io.github.kcprovisioning.scim.scope.ClientScope;
import io.github.kcprovisioning.scim.user.ScimJsonFields;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Changes the members of one group. A user member is a Keycloak group membership; a group member becomes a
 * sub-group, since Keycloak groups form a tree (one parent each, no cycles).
 */
final class GroupMembership {

    /** A member reference from a request, resolved to a user or a group of this realm. */
    record Resolved(UserModel user, GroupModel group) {
        String id() {
            return user != null ? user.getId() : group.getId();
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientScope scope;
    private final GroupModel target;

    /** @param scope members outside it are unknown, and a detached member group goes back under its root */
    GroupMembership(KeycloakSession session, RealmModel realm, ClientScope scope, GroupModel target) {
        this.session = session;
        this.realm = realm;
        this.scope = scope;
        this.target = target;
    }

    /** Resolves a {@code members} array (or single member object) before anything is changed. */
    List<Resolved> resolve(JsonNode members) throws ScimException {
        List<Resolved> result = new ArrayList<>();
        if (ScimJsonFields.isAbsent(members)) {
            return result;
        }
        for (JsonNode member : members.isArray() ? members : List.of(members)) {
            String value = ScimJsonFields.text(ScimJsonFields.get(member, "value"), "members.value");
            if (value == null) {
                throw BadRequestException.invalidValue("Each member needs a 'value' (the id of a User or Group)");
            }
            String type = ScimJsonFields.text(ScimJsonFields.get(member, "type"), "members.type");
            result.add(resolve(value, type));
        }
        return result;
    }

    Resolved resolve(String id, String type) throws BadRequestException {
        if (type == null || type.equalsIgnoreCase("User")) {
            UserModel user = session.users().getUserById(realm, id);
            if (user != null && user.getServiceAccountClientLink() == null && scope.containsUser(user)) {
                return new Resolved(user, null);
            }
        }
        if (type == null || type.equalsIgnoreCase("Group")) {
            // a member group gets a new parent: lock its row before reading it (see GroupRowLock)
            GroupRowLock.lockForWrite(session.getProvider(JpaConnectionProvider.class).getEntityManager(), id);
            GroupModel group = session.groups().getGroupById(realm, id);
            if (group != null && group.getType() == GroupModel.Type.REALM && scope.containsGroup(group.getId())) {
                return new Resolved(null, group);
            }
        }
        throw BadRequestException.invalidValue("Member '" + id + "' is not a " + (type == null ? "User or Group" : type)
                + " of this realm");
    }

    /** @return whether the member was not one before */
    boolean add(Resolved member) throws BadRequestException {
        if (member.user() != null) {
            return MembershipChanges.join(session, member.user(), target);
        }
        GroupModel child = member.group();
        if (target.getId().equals(child.getParentId())) {
            return false;
        }
        if (!scope.isTopLevel(child)) {
            throw BadRequestException.invalidValue("Group '" + child.getName() + "' is already a member of group '"
                    + child.getParent().getName() + "'; a Keycloak group has one parent: remove it there first");
        }
        for (GroupModel ancestor = target; ancestor != null; ancestor = ancestor.getParent()) {
            if (ancestor.getId().equals(child.getId())) {
                throw BadRequestException.invalidValue("Group '" + child.getName() + "' cannot become a member of its own "
                        + "sub-group '" + target.getName() + "'");
            }
        }
        session.groups().moveGroup(realm, child, target);
        return true;
    }

    /** @return whether it was a member */
    boolean remove(Resolved member) {
        if (member.user() != null) {
            return MembershipChanges.leave(session, member.user(), target);
        }
        if (!target.getId().equals(member.group().getParentId())) {
            return false;
        }
        session.groups().moveGroup(realm, member.group(), scope.topLevel(session, realm));
        return true;
    }

    /** Makes the members exactly {@code desired}; only the difference is written. */
    void replace(List<Resolved> desired, List<GroupSnapshot.Member> current) throws BadRequestException {
        Set<String> desiredIds = new LinkedHashSet<>();
        desired.forEach(m -> desiredIds.add(m.id()));
        Set<String> currentIds = new LinkedHashSet<>();
        for (GroupSnapshot.Member m : current) {
            currentIds.add(m.id());
            if (!desiredIds.contains(m.id())) {
                remove(resolve(m.id(), m.group() ? "Group" : "User"));
            }
        }
        for (Resolved m : desired) {
            if (!currentIds.contains(m.id())) {
                add(m);
            }
        }
    }
}

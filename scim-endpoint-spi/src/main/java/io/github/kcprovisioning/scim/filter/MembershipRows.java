package io.github.kcprovisioning.scim.filter;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.keycloak.models.GroupModel;
import org.keycloak.models.jpa.entities.GroupEntity;
import org.keycloak.models.jpa.entities.UserGroupMembershipEntity;

import java.util.ArrayList;
import java.util.List;

/**
 * Group memberships as seen from either side, on Keycloak's tables: {@code USER_GROUP_MEMBERSHIP} for users in groups,
 * {@code KEYCLOAK_GROUP.PARENT_GROUP} for groups in groups (sub-groups). Only realm groups count, as in the rendering.
 */
public final class MembershipRows {

    private MembershipRows() {
    }

    /** A further condition on the {@code GroupEntity} rows that count, e.g. the calling client's scope. */
    @FunctionalInterface
    public interface GroupCondition {
        Predicate on(CriteriaBuilder cb, Root<?> group);
    }

    /**
     * The groups of a user ({@code root} is a {@code UserEntity}) that satisfy {@code visible}; the compared value is the
     * group's {@code groupField}.
     */
    public static RelatedRows groupsOfUser(String groupField, GroupCondition visible) {
        return (cb, query, root, condition) -> {
            Subquery<String> sub = query.subquery(String.class);
            Root<UserGroupMembershipEntity> membership = sub.from(UserGroupMembershipEntity.class);
            Root<GroupEntity> group = sub.from(GroupEntity.class);
            List<Predicate> where = new ArrayList<>(List.of(
                    cb.equal(membership.get("user"), root),
                    cb.equal(group.get("id"), membership.get("groupId")),
                    cb.equal(group.get("type"), GroupModel.Type.REALM.intValue()),
                    visible.on(cb, group)));
            if (condition != null) {
                where.add(condition.on(group.<String>get(groupField)));
            }
            return cb.exists(sub.select(membership.get("groupId")).where(where.toArray(Predicate[]::new)));
        };
    }

    /** The user members of a group ({@code root} is a {@code GroupEntity}); the compared value is the user's id. */
    public static RelatedRows userMembersOfGroup() {
        return (cb, query, root, condition) -> {
            Subquery<String> sub = query.subquery(String.class);
            Root<UserGroupMembershipEntity> membership = sub.from(UserGroupMembershipEntity.class);
            Predicate owner = cb.equal(membership.get("groupId"), root.get("id"));
            return cb.exists(sub.select(membership.get("groupId"))
                    .where(condition == null ? owner : cb.and(owner, condition.on(membership.get("user").<String>get("id")))));
        };
    }

    /** The group members (sub-groups) of a group ({@code root} is a {@code GroupEntity}); the compared value is their id. */
    public static RelatedRows groupMembersOfGroup() {
        return (cb, query, root, condition) -> {
            Subquery<String> sub = query.subquery(String.class);
            Root<GroupEntity> child = sub.from(GroupEntity.class);
            Predicate owner = cb.equal(child.get("parentId"), root.get("id"));
            return cb.exists(sub.select(child.get("id"))
                    .where(condition == null ? owner : cb.and(owner, condition.on(child.<String>get("id")))));
        };
    }
}

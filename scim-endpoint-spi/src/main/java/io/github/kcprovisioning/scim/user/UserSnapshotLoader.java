package io.github.kcprovisioning.scim.user;

import io.github.kcprovisioning.scim.scope.ClientScope;
import jakarta.persistence.EntityManager;
import org.keycloak.models.GroupModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.UserEntity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Builds {@link UserSnapshot}s: one user from its model, a page of users with two batch queries (no N+1). */
final class UserSnapshotLoader {

    private static final Comparator<UserSnapshot.GroupRef> GROUP_ORDER =
            Comparator.comparing(UserSnapshot.GroupRef::name).thenComparing(UserSnapshot.GroupRef::id);

    private final EntityManager em;
    private final Set<String> mappedAttributeNames;
    private final ClientScope scope;

    /** @param scope the user's {@code groups} shows only the Groups the calling client may see */
    UserSnapshotLoader(EntityManager em, UserAttributeMapping mapping, ClientScope scope) {
        this.em = em;
        this.mappedAttributeNames = mapping.userAttributeNames();
        this.scope = scope;
    }

    UserSnapshot fromModel(UserModel user, boolean withGroups) {
        return fromModel(user, withGroups ? user.getGroupsStream() : null);
    }

    /**
     * A user this request has just created: its groups are the realm's default groups, which Keycloak gave it (and the
     * scope root, which is not one of the client's Groups), known without reading the memberships back. A user that a
     * federation provider created may have got others, so its groups are read.
     */
    UserSnapshot fromNewUser(UserModel user, RealmModel realm) {
        return fromModel(user, user.getFederationLink() == null ? realm.getDefaultGroupsStream() : user.getGroupsStream());
    }

    /** @param groups the user's direct groups, {@code null} when not wanted */
    private UserSnapshot fromModel(UserModel user, Stream<GroupModel> groups) {
        Map<String, String> attributes = new TreeMap<>();
        user.getAttributes().forEach((name, values) -> {
            if (mappedAttributeNames.contains(name) && !values.isEmpty() && values.get(0) != null) {
                attributes.put(name, values.get(0));
            }
        });
        List<UserSnapshot.GroupRef> groupRefs = groups == null ? null : groups.filter(g -> scope.containsGroup(g.getId()))
                .map(g -> new UserSnapshot.GroupRef(g.getId(), g.getName())).sorted(GROUP_ORDER).toList();
        return new UserSnapshot(user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(), user.getEmail(),
                user.isEnabled(), user.getCreatedTimestamp(), user.getLastModifiedTimestamp(), attributes, groupRefs);
    }

    List<UserSnapshot> fromEntities(List<UserEntity> page, boolean withGroups) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<String> ids = page.stream().map(UserEntity::getId).toList();
        Map<String, Map<String, String>> attributes = attributesOf(ids);
        Map<String, List<UserSnapshot.GroupRef>> groups = withGroups ? groupsOf(ids) : Map.of();
        List<UserSnapshot> snapshots = new ArrayList<>(page.size());
        for (UserEntity u : page) {
            snapshots.add(new UserSnapshot(u.getId(), u.getUsername(), u.getFirstName(), u.getLastName(), u.getEmail(),
                    u.isEnabled(), u.getCreatedTimestamp(), u.getLastModifiedTimestamp(),
                    attributes.getOrDefault(u.getId(), Map.of()),
                    withGroups ? groups.getOrDefault(u.getId(), List.of()) : null));
        }
        return snapshots;
    }

    private Map<String, Map<String, String>> attributesOf(Collection<String> userIds) {
        if (mappedAttributeNames.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = em.createQuery(
                        "select a.user.id, a.name, a.value from UserAttributeEntity a where a.user.id in :ids and a.name in :names"
                                + " order by a.id", Object[].class)
                .setParameter("ids", userIds)
                .setParameter("names", mappedAttributeNames)
                .getResultList();
        Map<String, Map<String, String>> result = new HashMap<>();
        for (Object[] row : rows) {
            if (row[2] != null) {
                result.computeIfAbsent((String) row[0], id -> new TreeMap<>()).putIfAbsent((String) row[1], (String) row[2]);
            }
        }
        return result;
    }

    private Map<String, List<UserSnapshot.GroupRef>> groupsOf(Collection<String> userIds) {
        List<Object[]> rows = em.createQuery(
                        "select m.user.id, g.id, g.name from UserGroupMembershipEntity m, GroupEntity g"
                                + " where g.id = m.groupId and m.user.id in :ids and g.type = :realmGroup", Object[].class)
                .setParameter("ids", userIds)
                .setParameter("realmGroup", GroupModel.Type.REALM.intValue())
                .getResultList();
        return rows.stream().filter(row -> scope.containsGroup((String) row[1])).collect(Collectors.groupingBy(row -> (String) row[0],
                Collectors.mapping(row -> new UserSnapshot.GroupRef((String) row[1], (String) row[2]),
                        Collectors.collectingAndThen(Collectors.toList(), list -> list.stream().sorted(GROUP_ORDER).toList()))));
    }
}

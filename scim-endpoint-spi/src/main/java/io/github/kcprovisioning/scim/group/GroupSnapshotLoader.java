package io.github.kcprovisioning.scim.group;

import jakarta.persistence.EntityManager;
import org.keycloak.models.GroupModel;
import org.keycloak.models.jpa.entities.GroupEntity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads groups with their members in a fixed number of queries per page: user members and sub-groups come from one
 * query each for all groups of the page, never one query per member.
 */
final class GroupSnapshotLoader {

    static final String EXTERNAL_ID_ATTRIBUTE = "scim.externalId";

    private final EntityManager em;
    private final GroupVersions versions;

    GroupSnapshotLoader(EntityManager em, GroupVersions versions) {
        this.em = em;
        this.versions = versions;
    }

    GroupSnapshot fromModel(GroupModel group, boolean withMembers) {
        List<GroupSnapshot.Member> members = withMembers ? membersOf(List.of(group.getId())).getOrDefault(group.getId(), List.of()) : null;
        ScimGroupMetaEntity meta = versions.of(group.getId());
        return new GroupSnapshot(group.getId(), group.getName(), group.getFirstAttribute(EXTERNAL_ID_ATTRIBUTE),
                group.getCreatedTimestamp(), meta == null ? group.getLastModifiedTimestamp() : meta.getLastModified(),
                meta == null ? 0 : meta.getVersion(), members);
    }

    List<GroupSnapshot> fromEntities(List<GroupEntity> page, boolean withMembers) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<String> ids = page.stream().map(GroupEntity::getId).toList();
        Map<String, String> externalIds = externalIdsOf(ids);
        Map<String, ScimGroupMetaEntity> metas = versions.of(ids);
        Map<String, List<GroupSnapshot.Member>> members = withMembers ? membersOf(ids) : Map.of();
        List<GroupSnapshot> result = new ArrayList<>(page.size());
        for (GroupEntity g : page) {
            ScimGroupMetaEntity meta = metas.get(g.getId());
            result.add(new GroupSnapshot(g.getId(), g.getName(), externalIds.get(g.getId()), g.getCreatedTimestamp(),
                    meta == null ? g.getLastModifiedTimestamp() : meta.getLastModified(), meta == null ? 0 : meta.getVersion(),
                    withMembers ? members.getOrDefault(g.getId(), List.of()) : null));
        }
        return result;
    }

    private Map<String, String> externalIdsOf(Collection<String> groupIds) {
        Map<String, String> result = new HashMap<>();
        em.createQuery("select a.group.id, a.value from GroupAttributeEntity a where a.group.id in :ids and a.name = :name",
                        Object[].class)
                .setParameter("ids", groupIds)
                .setParameter("name", EXTERNAL_ID_ATTRIBUTE)
                .getResultList()
                .forEach(row -> result.putIfAbsent((String) row[0], (String) row[1]));
        return result;
    }

    /** Direct members of each group: users (by username) then sub-groups (by name). */
    Map<String, List<GroupSnapshot.Member>> membersOf(Collection<String> groupIds) {
        Map<String, List<GroupSnapshot.Member>> result = new HashMap<>();
        em.createQuery("select m.groupId, u.id, u.username from UserGroupMembershipEntity m join m.user u"
                        + " where m.groupId in :ids order by u.username", Object[].class)
                .setParameter("ids", groupIds)
                .getResultList()
                .forEach(row -> result.computeIfAbsent((String) row[0], id -> new ArrayList<>())
                        .add(new GroupSnapshot.Member((String) row[1], (String) row[2], false)));
        em.createQuery("select g.parentId, g.id, g.name from GroupEntity g where g.parentId in :ids order by g.name", Object[].class)
                .setParameter("ids", groupIds)
                .getResultList()
                .forEach(row -> result.computeIfAbsent((String) row[0], id -> new ArrayList<>())
                        .add(new GroupSnapshot.Member((String) row[1], (String) row[2], true)));
        return result;
    }
}

package io.github.kcprovisioning.scim.group;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.GroupEntity;
import org.keycloak.provider.ProviderEvent;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The SCIM version and lastModified of groups ({@link ScimGroupMetaEntity}). Every SCIM write of a group locks the
 * group's row of it first, so that concurrent writes of one group run one after the other, and moves it once.
 */
public final class GroupVersions {

    private final EntityManager em;

    GroupVersions(EntityManager em) {
        this.em = em;
    }

    /**
     * Locks the group's version until the transaction ends. A group SCIM has not changed before gets its row now, with
     * version 0 and Keycloak's lastModified (so that its current version stays what it was); that row is created under
     * Keycloak's row lock of the group ({@link GroupRowLock}), so that two first writes do not both insert it.
     *
     * @return {@code null} when there is no such group (nothing is written then)
     */
    ScimGroupMetaEntity lockForWrite(String groupId) {
        ScimGroupMetaEntity meta = em.find(ScimGroupMetaEntity.class, groupId, LockModeType.PESSIMISTIC_WRITE);
        if (meta != null) {
            return meta;
        }
        GroupEntity group = GroupRowLock.lockForWrite(em, groupId);
        if (group == null) {
            return null;
        }
        meta = em.find(ScimGroupMetaEntity.class, groupId, LockModeType.PESSIMISTIC_WRITE); // a first write that just committed
        if (meta == null) {
            Long lastModified = group.getLastModifiedTimestamp();
            meta = new ScimGroupMetaEntity(groupId, group.getRealm(),
                    lastModified != null ? lastModified : group.getCreatedTimestamp() != null ? group.getCreatedTimestamp() : 0L);
            em.persist(meta);
        }
        return meta;
    }

    /**
     * Moves the group's version after a change made without {@link #lockForWrite} beforehand (member adds and removes:
     * each is a row of its own, so concurrent ones do not conflict). Locking the version only now still puts concurrent
     * changes of the group one after the other, each with a version of its own. (An HQL {@code update} would be one
     * statement instead of two, but Hibernate translates such a statement anew on every execution: measured no faster.)
     *
     * @return {@code false} when there is no such group any more (the caller's changes must not be kept)
     */
    boolean bump(String groupId, long now) {
        ScimGroupMetaEntity meta = lockForWrite(groupId);
        if (meta == null) {
            return false;
        }
        meta.bump(now);
        return true;
    }

    /** @return the group's row, {@code null} for a group SCIM has not changed */
    ScimGroupMetaEntity of(String groupId) {
        return em.find(ScimGroupMetaEntity.class, groupId);
    }

    /** The rows of a page of groups, in one query. */
    Map<String, ScimGroupMetaEntity> of(Collection<String> groupIds) {
        Map<String, ScimGroupMetaEntity> result = new HashMap<>();
        em.createNamedQuery("ProvScimGroupMeta.byGroups", ScimGroupMetaEntity.class)
                .setParameter("groupIds", groupIds)
                .getResultList()
                .forEach(meta -> result.put(meta.getGroupId(), meta));
        return result;
    }

    /** {@code meta.lastModified} of a {@code GroupEntity} row in a query: its SCIM row's, else Keycloak's. */
    static Expression<?> lastModified(CriteriaBuilder cb, AbstractQuery<?> query, Root<?> group) {
        Subquery<Long> meta = query.subquery(Long.class);
        Root<ScimGroupMetaEntity> row = meta.from(ScimGroupMetaEntity.class);
        meta.select(row.get("lastModified")).where(cb.equal(row.get("groupId"), group.get("id")));
        return cb.coalesce(meta, group.<Long>get("lastModifiedTimestamp"));
    }

    /** Listener for {@code KeycloakSessionFactory#register}: a group's row goes with the group, however it is removed. */
    public static void onEvent(ProviderEvent event) {
        if (event instanceof GroupModel.GroupRemovedEvent removed) {
            em(removed.getKeycloakSession()).createNamedQuery("ProvScimGroupMeta.deleteByGroup")
                    .setParameter("groupId", removed.getGroup().getId()).executeUpdate();
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            em(removed.getKeycloakSession()).createNamedQuery("ProvScimGroupMeta.deleteByRealm")
                    .setParameter("realmId", removed.getRealm().getId()).executeUpdate();
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}

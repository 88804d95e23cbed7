package io.github.kcprovisioning.scim.group;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.criteria.AbstractQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.query.NativeQuery;
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
     * changes of the group one after the other, each with a version of its own. A row this transaction has not read
     * is moved by one SQL {@code UPDATE}, which locks it as well (no read first: the statement a plain member add
     * pays for its version); a row it has read, or one not written before, goes through the entity.
     *
     * @return {@code false} when there is no such group any more (the caller's changes must not be kept)
     */
    boolean bump(String groupId, long now) {
        if (!isLoaded(groupId) && updateInPlace(groupId, now)) {
            return true;
        }
        ScimGroupMetaEntity meta = lockForWrite(groupId);
        if (meta == null) {
            return false;
        }
        meta.bump(now);
        return true;
    }

    /**
     * The {@link ScimGroupMetaEntity#bump} of a row in SQL. Native, since Hibernate translates an HQL {@code update}
     * anew on every execution; synchronized with the entity's table only, so that it flushes nothing else.
     *
     * @return {@code false} when the group has no row (yet)
     */
    private boolean updateInPlace(String groupId, long now) {
        return em.createNativeQuery("update {h-schema}PROV_SCIM_GROUP_META set VERSION = VERSION + 1, "
                        + "LAST_MODIFIED = case when LAST_MODIFIED < :now then :now else LAST_MODIFIED end where GROUP_ID = :groupId")
                .unwrap(NativeQuery.class)
                .addSynchronizedEntityClass(ScimGroupMetaEntity.class)
                .setParameter("now", now)
                .setParameter("groupId", groupId)
                .executeUpdate() == 1;
    }

    /** Whether this transaction holds the group's row as an entity, which an SQL update would leave stale. */
    private boolean isLoaded(String groupId) {
        SessionImplementor session = em.unwrap(SessionImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(ScimGroupMetaEntity.class);
        return session.getPersistenceContextInternal().getEntity(session.generateEntityKey(groupId, persister)) != null;
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

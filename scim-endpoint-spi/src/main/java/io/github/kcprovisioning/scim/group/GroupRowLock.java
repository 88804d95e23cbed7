package io.github.kcprovisioning.scim.group;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.models.jpa.entities.GroupEntity;

/**
 * Row lock for a group whose Keycloak row a SCIM request is about to rewrite (a rename, a new parent, a delete).
 * Keycloak's {@code GroupEntity} has no version and is written as a whole row, so a request that read a group before a
 * concurrent one committed would write back what it read: e.g. a PATCH renaming {@code mid} undoing a parallel PATCH
 * that moved {@code mid} under {@code top}. Locking and re-reading the row first makes such writes run one after the
 * other, each on the latest state. Changes of members only do not rewrite the row (see {@link GroupVersions}).
 */
final class GroupRowLock {

    private GroupRowLock() {
    }

    /** locks the group's row until the transaction ends and reloads it; {@code null} (and no lock) for an unknown id */
    static GroupEntity lockForWrite(EntityManager em, String groupId) {
        GroupEntity entity = em.find(GroupEntity.class, groupId);
        if (entity == null) {
            return null;
        }
        em.flush(); // keep what this transaction already changed: refresh reloads from the database
        em.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        return entity;
    }
}

package io.github.kcprovisioning.sync.outbox;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Local ↔ remote id links of one target; the caller owns the transaction. */
public class RemoteLinkStore {

    private final EntityManager em;
    private final String targetId;

    public RemoteLinkStore(EntityManager em, String targetId) {
        this.em = em;
        this.targetId = targetId;
    }

    public Optional<RemoteLink> find(ResourceKind kind, String localId) {
        return em.createQuery("select l from RemoteLink l where l.targetId = :target and l.resourceType = :type and l.localId = :local",
                        RemoteLink.class)
                .setParameter("target", targetId)
                .setParameter("type", kind.code())
                .setParameter("local", localId)
                .getResultStream().findFirst();
    }

    public Optional<String> remoteId(ResourceKind kind, String localId) {
        return find(kind, localId).map(RemoteLink::getRemoteId);
    }

    /** whether some local resource of this kind is already linked to {@code remoteId} */
    public boolean isLinked(ResourceKind kind, String remoteId) {
        return !em.createQuery("select l.id from RemoteLink l where l.targetId = :target and l.resourceType = :type and l.remoteId = :remote",
                        String.class)
                .setParameter("target", targetId)
                .setParameter("type", kind.code())
                .setParameter("remote", remoteId)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public void link(ResourceKind kind, String localId, String remoteId, boolean createdByUs) {
        Optional<RemoteLink> existing = find(kind, localId);
        if (existing.isPresent()) {
            existing.get().setRemoteId(remoteId);
        } else {
            em.persist(new RemoteLink(KeycloakModelUtils.generateId(), targetId, kind, localId, remoteId, createdByUs));
        }
        em.flush(); // surface a unique-key race now, inside the delivery, not at commit
    }

    public void unlink(ResourceKind kind, String localId) {
        em.createQuery("delete from RemoteLink l where l.targetId = :target and l.resourceType = :type and l.localId = :local")
                .setParameter("target", targetId)
                .setParameter("type", kind.code())
                .setParameter("local", localId)
                .executeUpdate();
    }

    public List<RemoteLink> page(ResourceKind kind, int first, int max) {
        return em.createQuery("select l from RemoteLink l where l.targetId = :target and l.resourceType = :type order by l.id",
                        RemoteLink.class)
                .setParameter("target", targetId)
                .setParameter("type", kind.code())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    public void deleteAll() {
        em.createQuery("delete from RemoteLink l where l.targetId = :target").setParameter("target", targetId).executeUpdate();
    }
}

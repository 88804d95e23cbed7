package io.github.kcprovisioning.sync.outbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;

/** All queries on {@code PROV_OUTBOX}; the caller owns the transaction. */
public class OutboxRepository {

    private static final int ERROR_LENGTH = 1000;
    private static final List<Operation> MEMBERSHIPS = List.of(Operation.MEMBER_ADD, Operation.MEMBER_REMOVE);

    private final EntityManager em;

    public OutboxRepository(EntityManager em) {
        this.em = em;
    }

    public void add(OutboxEntry entry) {
        em.persist(entry);
    }

    public OutboxEntry find(long seq) {
        return em.find(OutboxEntry.class, seq);
    }

    /**
     * Leases up to {@code limit} due rows that head their resource's queue (no older pending row for the same target and
     * resource), so that a resource's changes go out one at a time in commit order. A membership row also waits for the
     * older pending rows of its group (e.g. the group's create), instead of failing until the group is on the target.
     * The conditional UPDATE is the cluster-safe claim: of two nodes racing for a row, the second sees it leased (row
     * lock, then re-check) and skips it. Rows of {@code skippedTargets} are left to other nodes.
     */
    public List<OutboxEntry> claimDue(String leaseToken, long now, long leaseUntil, int limit, Set<String> skippedTargets) {
        TypedQuery<Long> query = em.createQuery("""
                        select o.seq from OutboxEntry o
                        where o.status = :pending and o.nextAttemptAt <= :now and o.leaseUntil < :now %s
                          and not exists (select 1 from OutboxEntry p
                                          where p.targetId = o.targetId and p.resourceKey = o.resourceKey
                                            and p.status = :pending and p.seq < o.seq)
                          and (o.operation not in :memberships
                               or not exists (select 1 from OutboxEntry g
                                              where g.targetId = o.targetId and g.resourceKey = concat(:groupKey, o.groupId)
                                                and g.status = :pending and g.seq < o.seq))
                        order by o.seq""".formatted(skippedTargets.isEmpty() ? "" : "and o.targetId not in :skipped"), Long.class)
                .setParameter("pending", OutboxStatus.PENDING)
                .setParameter("memberships", MEMBERSHIPS)
                .setParameter("groupKey", ResourceKind.GROUP.keyPrefix())
                .setParameter("now", now)
                .setMaxResults(limit);
        if (!skippedTargets.isEmpty()) {
            query.setParameter("skipped", skippedTargets);
        }
        List<Long> heads = query.getResultList();
        if (heads.isEmpty()) {
            return List.of();
        }
        em.createQuery("""
                        update OutboxEntry o set o.leaseOwner = :token, o.leaseUntil = :until
                        where o.seq in :seqs and o.status = :pending and o.leaseUntil < :now""")
                .setParameter("token", leaseToken)
                .setParameter("until", leaseUntil)
                .setParameter("seqs", heads)
                .setParameter("pending", OutboxStatus.PENDING)
                .setParameter("now", now)
                .executeUpdate();
        return em.createQuery("select o from OutboxEntry o where o.leaseOwner = :token and o.status = :pending order by o.seq",
                        OutboxEntry.class)
                .setParameter("token", leaseToken)
                .setParameter("pending", OutboxStatus.PENDING)
                .getResultList();
    }

    /** Completion is fenced by the lease token: a drainer whose lease was taken over does not overwrite the new owner's state. */
    public boolean markDelivered(long seq, String leaseToken, long now) {
        return em.createQuery("""
                        update OutboxEntry o set o.status = :delivered, o.doneAt = :now, o.attempts = o.attempts + 1,
                               o.leaseOwner = null, o.leaseUntil = 0
                        where o.seq = :seq and o.leaseOwner = :token""")
                .setParameter("delivered", OutboxStatus.DELIVERED)
                .setParameter("now", now)
                .setParameter("seq", seq)
                .setParameter("token", leaseToken)
                .executeUpdate() == 1;
    }

    public boolean markDead(long seq, String leaseToken, long now, String error) {
        return em.createQuery("""
                        update OutboxEntry o set o.status = :dead, o.doneAt = :now, o.lastError = :error,
                               o.attempts = o.attempts + 1, o.leaseOwner = null, o.leaseUntil = 0
                        where o.seq = :seq and o.leaseOwner = :token""")
                .setParameter("dead", OutboxStatus.DEAD)
                .setParameter("now", now)
                .setParameter("error", truncate(error))
                .setParameter("seq", seq)
                .setParameter("token", leaseToken)
                .executeUpdate() == 1;
    }

    public boolean reschedule(long seq, String leaseToken, long nextAttemptAt, String error) {
        return em.createQuery("""
                        update OutboxEntry o set o.attempts = o.attempts + 1, o.nextAttemptAt = :next, o.lastError = :error,
                               o.leaseOwner = null, o.leaseUntil = 0
                        where o.seq = :seq and o.leaseOwner = :token""")
                .setParameter("next", nextAttemptAt)
                .setParameter("error", truncate(error))
                .setParameter("seq", seq)
                .setParameter("token", leaseToken)
                .executeUpdate() == 1;
    }

    /** Gives the row back without counting an attempt (e.g. target disabled). */
    public void release(long seq, String leaseToken, long nextAttemptAt) {
        em.createQuery("update OutboxEntry o set o.nextAttemptAt = :next, o.leaseOwner = null, o.leaseUntil = 0 "
                        + "where o.seq = :seq and o.leaseOwner = :token")
                .setParameter("next", nextAttemptAt).setParameter("seq", seq).setParameter("token", leaseToken)
                .executeUpdate();
    }

    /**
     * Puts a target's dead letters back in the queue with a fresh attempt budget; returns how many. A replayed row keeps
     * its sequence number, so it goes out before any later change of the same resource that is still pending.
     */
    public int replayAllDead(String targetId, long now) {
        return em.createQuery(REPLAY)
                .setParameter("pending", OutboxStatus.PENDING).setParameter("dead", OutboxStatus.DEAD)
                .setParameter("now", now).setParameter("target", targetId)
                .executeUpdate();
    }

    public int replayDead(String targetId, long seq, long now) {
        return em.createQuery(REPLAY + " and o.seq = :seq")
                .setParameter("pending", OutboxStatus.PENDING).setParameter("dead", OutboxStatus.DEAD)
                .setParameter("now", now).setParameter("target", targetId).setParameter("seq", seq)
                .executeUpdate();
    }

    private static final String REPLAY = """
            update OutboxEntry o set o.status = :pending, o.attempts = 0, o.nextAttemptAt = :now, o.createdAt = :now,
                   o.doneAt = null, o.leaseOwner = null, o.leaseUntil = 0
            where o.targetId = :target and o.status = :dead""";

    public List<OutboxEntry> deadLetters(String targetId, int first, int max) {
        return em.createQuery("select o from OutboxEntry o where o.targetId = :target and o.status = :dead order by o.seq",
                        OutboxEntry.class)
                .setParameter("target", targetId)
                .setParameter("dead", OutboxStatus.DEAD)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    public long count(String targetId, OutboxStatus status) {
        return em.createQuery("select count(o) from OutboxEntry o where o.targetId = :target and o.status = :status", Long.class)
                .setParameter("target", targetId)
                .setParameter("status", status)
                .getSingleResult();
    }

    public Optional<Long> oldestPendingCreatedAt(String targetId) {
        return Optional.ofNullable(em.createQuery(
                        "select min(o.createdAt) from OutboxEntry o where o.targetId = :target and o.status = :pending", Long.class)
                .setParameter("target", targetId)
                .setParameter("pending", OutboxStatus.PENDING)
                .getSingleResult());
    }

    /** the most recent failure message of a target (pending retries and dead letters alike) */
    public Optional<OutboxEntry> lastFailure(String targetId) {
        return em.createQuery("""
                        select o from OutboxEntry o where o.targetId = :target and o.lastError is not null and o.status <> :delivered
                        order by o.seq desc""", OutboxEntry.class)
                .setParameter("target", targetId)
                .setParameter("delivered", OutboxStatus.DELIVERED)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** pending rows per target, for the metrics gauges */
    public List<Tuple> pendingPerTarget() {
        return em.createQuery("select o.targetId, count(o), min(o.createdAt) from OutboxEntry o where o.status = :pending "
                        + "group by o.targetId", Tuple.class)
                .setParameter("pending", OutboxStatus.PENDING)
                .getResultList();
    }

    public int purgeDelivered(long doneBefore) {
        return em.createQuery("delete from OutboxEntry o where o.status = :delivered and o.doneAt < :before")
                .setParameter("delivered", OutboxStatus.DELIVERED)
                .setParameter("before", doneBefore)
                .executeUpdate();
    }

    /** makes a target's waiting rows due now (its configuration changed: an admin may have fixed what made them fail) */
    public int retryNow(String targetId, long now) {
        return em.createQuery("update OutboxEntry o set o.nextAttemptAt = :now "
                        + "where o.targetId = :target and o.status = :pending and o.nextAttemptAt > :now")
                .setParameter("now", now)
                .setParameter("target", targetId)
                .setParameter("pending", OutboxStatus.PENDING)
                .executeUpdate();
    }

    public void delete(long seq, String leaseToken) {
        em.createQuery("delete from OutboxEntry o where o.seq = :seq and o.leaseOwner = :token")
                .setParameter("seq", seq).setParameter("token", leaseToken)
                .executeUpdate();
    }

    /** rows of a removed target can never be delivered */
    public int deleteAllOf(String targetId) {
        return em.createQuery("delete from OutboxEntry o where o.targetId = :target")
                .setParameter("target", targetId)
                .executeUpdate();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= ERROR_LENGTH ? error : error.substring(0, ERROR_LENGTH);
    }

    /** Whether a component (target) row exists, read from the database rather than a possibly stale realm cache. */
    public boolean componentExists(String componentId) {
        return !em.createQuery("select c.id from ComponentEntity c where c.id = :id", String.class)
                .setParameter("id", componentId).setMaxResults(1).getResultList().isEmpty();
    }
}

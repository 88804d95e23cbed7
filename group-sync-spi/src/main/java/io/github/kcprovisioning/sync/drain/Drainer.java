package io.github.kcprovisioning.sync.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.kcprovisioning.sync.outbox.OutboxEntry;
import io.github.kcprovisioning.sync.outbox.OutboxRepository;
import io.github.kcprovisioning.sync.target.DeliveryException;
import io.github.kcprovisioning.sync.target.OutboundTargetProvider;
import io.github.kcprovisioning.sync.target.TargetSettings;
import org.jboss.logging.Logger;
import org.keycloak.component.ComponentModel;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Delivers outbox rows on this node. Every node runs one; they share the work through row leases (see
 * {@link OutboxRepository#claimDue}). Each row is delivered in its own transaction, which also records the outcome.
 */
public final class Drainer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Drainer.class);
    private static final long PURGE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final long DISABLED_TARGET_RECHECK_MILLIS = TimeUnit.SECONDS.toMillis(30);
    private static final long UNKNOWN_TARGET_RECHECK_MILLIS = TimeUnit.SECONDS.toMillis(30);

    private final KeycloakSessionFactory sessionFactory;
    private final DrainerConfig config;
    private final RetryPolicy retryPolicy = new RetryPolicy(bound -> ThreadLocalRandom.current().nextLong(bound));
    private final DeliveryMetrics metrics = new DeliveryMetrics();
    /** single thread: ticks of one node never overlap */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(named("provisioning-outbound-drainer"));
    private final ExecutorService workers;
    private final Map<String, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final AtomicBoolean nudged = new AtomicBoolean();
    /** target id → until when this node claims none of its rows (the database has the target, this node's realm cache not yet) */
    private final Map<String, Long> leftToOtherNodesUntil = new ConcurrentHashMap<>();
    private long lastPurge;

    public Drainer(KeycloakSessionFactory sessionFactory, DrainerConfig config) {
        this.sessionFactory = sessionFactory;
        this.config = config;
        this.workers = Executors.newFixedThreadPool(config.workers(), named("provisioning-outbound-delivery"));
    }

    public void start() {
        long poll = config.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
        LOG.infof("Outbound provisioning drainer started (poll %d ms, %d workers)", poll, config.workers());
    }

    /** runs a tick soon; several nudges while one is queued collapse into one */
    public void nudge() {
        if (nudged.compareAndSet(false, true)) {
            scheduler.execute(this::tick);
        }
    }

    private void tick() {
        nudged.set(false);
        try {
            drainUntilIdle();
            // also when nothing was due: the gauges must fall back to 0 once the queue is empty
            metrics.refreshQueueGauges(sessionFactory);
            purgeDeliveredNowAndThen();
        } catch (RuntimeException e) {
            LOG.warn("Outbound provisioning drain tick failed; next tick retries", e);
        }
    }

    private void drainUntilIdle() {
        while (true) {
            String leaseToken = UUID.randomUUID().toString();
            long claimStart = System.nanoTime();
            List<OutboxEntry> batch = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
                long now = System.currentTimeMillis();
                leftToOtherNodesUntil.values().removeIf(until -> until <= now);
                return outbox(session).claimDue(leaseToken, now, now + config.lease().toMillis(), config.batchSize(),
                        Set.copyOf(leftToOtherNodesUntil.keySet()));
            });
            if (batch.isEmpty()) {
                return;
            }
            LOG.debugf("Leased %d outbox rows in %d ms", batch.size(), (System.nanoTime() - claimStart) / 1_000_000);
            List<CompletableFuture<Void>> running = new ArrayList<>(batch.size());
            for (OutboxEntry claimed : batch) {
                running.add(CompletableFuture.runAsync(() -> deliverWithinTargetLimit(claimed, leaseToken), workers));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
            metrics.refreshQueueGauges(sessionFactory); // rate-limited; keeps the gauges live during a long drain
            if (batch.size() < config.batchSize()) {
                return;
            }
        }
    }

    private void deliverWithinTargetLimit(OutboxEntry claimed, String leaseToken) {
        Semaphore limit = inFlight.computeIfAbsent(claimed.getTargetId(), id -> new Semaphore(maxInFlightOf(claimed)));
        limit.acquireUninterruptibly();
        try {
            deliver(claimed, leaseToken);
        } catch (RuntimeException unexpected) {
            // the delivery transaction rolled back (e.g. a database error): count the attempt in a fresh one
            LOG.warnf(unexpected, "Outbound delivery of outbox row %d failed unexpectedly", claimed.getSeq());
            recordFailure(claimed, leaseToken, DeliveryException.retryable(describe(unexpected), null, unexpected));
        } finally {
            limit.release();
        }
    }

    private void deliver(OutboxEntry claimed, String leaseToken) {
        KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
            long now = System.currentTimeMillis();
            OutboxRepository outbox = outbox(session);
            RealmModel realm = session.realms().getRealm(claimed.getRealmId());
            ComponentModel target = realm == null ? null : realm.getComponent(claimed.getTargetId());
            if (target == null) {
                if (outbox.componentExists(claimed.getTargetId())) {
                    // this node's realm cache does not know the target yet (no cluster invalidation reached it): the row
                    // is due at once for the other nodes, and this one leaves the target alone for a while
                    LOG.warnf("Outbound target %s is in the database but not in this node's realm cache; row %d is left to the "
                            + "other nodes", claimed.getTargetId(), claimed.getSeq());
                    leftToOtherNodesUntil.put(claimed.getTargetId(), now + UNKNOWN_TARGET_RECHECK_MILLIS);
                    forgetTarget(claimed.getTargetId()); // its in-flight limit was guessed (1): read it once the target is known
                    outbox.release(claimed.getSeq(), leaseToken, now);
                } else {
                    outbox.delete(claimed.getSeq(), leaseToken); // target or realm removed: nobody could see or replay it
                }
                return;
            }
            TargetSettings settings = TargetSettings.of(target);
            if (!settings.enabled()) {
                outbox.release(claimed.getSeq(), leaseToken, now + DISABLED_TARGET_RECHECK_MILLIS);
                return;
            }
            session.getContext().setRealm(realm);
            OutboxEntry entry = outbox.find(claimed.getSeq());
            if (!stillLeased(entry, leaseToken, now)) {
                // it waited for a free slot longer than the lease: another node may already be sending it
                LOG.debugf("Outbox row %d lost its lease before delivery; it is claimed again", claimed.getSeq());
                return;
            }
            try {
                long start = System.nanoTime();
                session.getProvider(OutboundTargetProvider.class, target).deliver(entry);
                if (outbox.markDelivered(entry.getSeq(), leaseToken, System.currentTimeMillis())) {
                    metrics.delivered(target.getId());
                    PushAudit.delivered(session, realm, entry);
                }
                LOG.tracef("Delivered %s %d to %s in %d ms", entry.getOperation(), entry.getSeq(), target.getName(),
                        (System.nanoTime() - start) / 1_000_000);
            } catch (DeliveryException failure) {
                applyFailure(outbox, entry, leaseToken, failure, settings, target.getId());
            }
        });
    }

    private static boolean stillLeased(OutboxEntry entry, String leaseToken, long now) {
        return entry != null && leaseToken.equals(entry.getLeaseOwner()) && entry.getLeaseUntil() > now;
    }

    private void recordFailure(OutboxEntry claimed, String leaseToken, DeliveryException failure) {
        KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
            RealmModel realm = session.realms().getRealm(claimed.getRealmId());
            ComponentModel target = realm == null ? null : realm.getComponent(claimed.getTargetId());
            OutboxRepository outbox = outbox(session);
            OutboxEntry entry = outbox.find(claimed.getSeq());
            if (target != null && entry != null) {
                applyFailure(outbox, entry, leaseToken, failure, TargetSettings.of(target), target.getId());
            }
        });
    }

    private void applyFailure(OutboxRepository outbox, OutboxEntry entry, String leaseToken, DeliveryException failure,
                              TargetSettings settings, String targetId) {
        long now = System.currentTimeMillis();
        RetryPolicy.Decision decision = retryPolicy.afterFailure(failure, entry.getAttempts() + 1, entry.getCreatedAt(), now, settings);
        if (decision.dead()) {
            outbox.markDead(entry.getSeq(), leaseToken, now, failure.getMessage());
            metrics.deadLettered(targetId);
            LOG.warnf("Outbound change %d (%s) to target %s is a dead letter after %d attempt(s): %s",
                    entry.getSeq(), entry.getOperation(), targetId, entry.getAttempts() + 1, failure.getMessage());
        } else {
            outbox.reschedule(entry.getSeq(), leaseToken, decision.nextAttemptAt(), failure.getMessage());
            metrics.failed(targetId);
            LOG.debugf("Outbound change %d to target %s failed (%s), retry in %d ms",
                    entry.getSeq(), targetId, failure.getMessage(), decision.nextAttemptAt() - now);
        }
    }

    private int maxInFlightOf(OutboxEntry claimed) {
        return KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory, session -> {
            RealmModel realm = session.realms().getRealm(claimed.getRealmId());
            ComponentModel target = realm == null ? null : realm.getComponent(claimed.getTargetId());
            return target == null ? 1 : TargetSettings.of(target).maxInFlight();
        });
    }

    /** a target's in-flight limit is re-read when its configuration changes */
    public void forgetTarget(String targetId) {
        inFlight.remove(targetId);
    }

    private void purgeDeliveredNowAndThen() {
        long now = System.currentTimeMillis();
        if (now - lastPurge < PURGE_EVERY_MILLIS) {
            return;
        }
        lastPurge = now;
        int purged = KeycloakModelUtils.runJobInTransactionWithResult(sessionFactory,
                session -> outbox(session).purgeDelivered(now - config.deliveredRetention().toMillis()));
        if (purged > 0) {
            LOG.debugf("Purged %d delivered outbox rows", purged);
        }
    }

    static OutboxRepository outbox(KeycloakSession session) {
        return new OutboxRepository(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }
}

package io.github.kcprovisioning.sync.drain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.kcprovisioning.sync.outbox.OutboxRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.persistence.Tuple;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Micrometer meters per target, on Keycloak's metrics endpoint when metrics are enabled: delivered / failed / dead-letter
 * counters (this node) and queue depth / oldest pending age gauges (whole cluster, refreshed by the drainer).
 */
final class DeliveryMetrics {

    private static final long GAUGE_REFRESH_MILLIS = 5_000;

    private final MeterRegistry registry = Metrics.globalRegistry;
    private final Map<String, AtomicLong> depth = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> oldestAgeSeconds = new ConcurrentHashMap<>();
    private volatile long lastRefresh;

    void delivered(String targetId) {
        counter("provisioning_outbound_delivered", targetId).increment();
    }

    void failed(String targetId) {
        counter("provisioning_outbound_failed_attempts", targetId).increment();
    }

    void deadLettered(String targetId) {
        counter("provisioning_outbound_dead_letters", targetId).increment();
    }

    private Counter counter(String name, String targetId) {
        return Counter.builder(name).tag("target", targetId).register(registry);
    }

    void refreshQueueGauges(KeycloakSessionFactory sessionFactory) {
        long now = System.currentTimeMillis();
        if (now - lastRefresh < GAUGE_REFRESH_MILLIS) {
            return;
        }
        lastRefresh = now;
        depth.values().forEach(value -> value.set(0));
        oldestAgeSeconds.values().forEach(value -> value.set(0));
        KeycloakModelUtils.runJobInTransaction(sessionFactory, session -> {
            for (Tuple row : new OutboxRepository(session.getProvider(JpaConnectionProvider.class).getEntityManager()).pendingPerTarget()) {
                String target = row.get(0, String.class);
                gauge(depth, "provisioning_outbound_queue_depth", target).set(row.get(1, Long.class));
                gauge(oldestAgeSeconds, "provisioning_outbound_oldest_pending_seconds", target)
                        .set((now - row.get(2, Long.class)) / 1000);
            }
        });
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, String name, String targetId) {
        return values.computeIfAbsent(targetId, id -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("target", id).register(registry);
            return value;
        });
    }
}

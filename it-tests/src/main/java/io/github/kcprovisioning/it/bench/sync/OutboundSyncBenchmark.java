package io.github.kcprovisioning.it.bench.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.github.kcprovisioning.it.bench.BenchServer;
import io.github.kcprovisioning.it.bench.BenchTable;
import io.github.kcprovisioning.it.bench.Latencies;
import io.github.kcprovisioning.it.harness.ManagedKeycloak;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import io.github.kcprovisioning.it.sync.InMemoryScimServer;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Outbound sync figures against a local in-memory SCIM target:
 * change-to-target latency (admin creates a user → the target receives it), sustained drain rate (a full sync of many
 * users), and what the listener adds to an admin user update (realm with a target vs without).
 * {@code mvn -Pbench package -pl it-tests -am -Dbench=io.github.kcprovisioning.it.bench.sync.OutboundSyncBenchmark}
 * Sizes: {@code -Dbench.sync.latency=200 -Dbench.sync.drain=2000 -Dbench.sync.updates=300}.
 */
public final class OutboundSyncBenchmark {

    private OutboundSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int latencySamples = Integer.getInteger("bench.sync.latency", 200);
        int drainUsers = Integer.getInteger("bench.sync.drain", 2000);
        int updates = Integer.getInteger("bench.sync.updates", 300);
        try (ManagedKeycloak kc = BenchServer.start(); InMemoryScimServer scim = new InMemoryScimServer()) {
            BenchTable table = new BenchTable("outbound-sync", BenchTable.latencyHeader("measure"));
            table.latencyRow(changeToTarget(kc, scim, latencySamples), "change-to-target latency (admin create → user on target)");

            long[] drained = drain(kc, scim, drainUsers);
            Latencies withTarget = new Latencies();
            Latencies withoutTarget = new Latencies();
            adminUpdates(kc, scim, updates, withTarget, withoutTarget);
            table.latencyRow(withoutTarget, "admin user update, realm without target");
            table.latencyRow(withTarget, "admin user update, realm with target (listener on)");
            table.publish();

            BenchTable rate = new BenchTable("outbound-sync-drain", "measure", "rows", "seconds", "rows/s");
            rate.row("full sync drain (" + drainUsers + " users)", drained[0], drained[1] / 1000.0, drained[0] * 1000.0 / drained[1]);
            rate.publish();
            System.out.printf("listener overhead on an admin user update: median %+.1f ms, p95 %+.1f ms%n",
                    withTarget.medianMillis() - withoutTarget.medianMillis(), withTarget.p95Millis() - withoutTarget.p95Millis());
        }
    }

    /** sequential: each sample waits for its user to arrive before the next change */
    private static Latencies changeToTarget(ManagedKeycloak kc, InMemoryScimServer scim, int samples) {
        String realmName = RealmFixtures.createRealm(kc, "bench-latency");
        RealmResource realm = kc.admin().realm(realmName);
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        warmUp(realm, scim, "warm");
        Latencies latencies = new Latencies();
        for (int i = 0; i < samples; i++) {
            String name = "lat" + i;
            UserRepresentation user = new UserRepresentation();
            user.setUsername(name);
            user.setEmail(name + "@example.org");
            user.setEnabled(true);
            long start = System.nanoTime();
            realm.users().create(user).close(); // no password: its hashing is not what we measure
            while (scim.userByName(name) == null) {
                LockSupport.parkNanos(200_000); // poll without spinning a core Keycloak needs
            }
            latencies.record(System.nanoTime() - start);
        }
        return latencies;
    }

    /** users imported without a target, then one full sync: rows queued vs time until the queue is empty */
    private static long[] drain(ManagedKeycloak kc, InMemoryScimServer scim, int users) {
        String realmName = RealmFixtures.createRealm(kc, "bench-drain");
        RealmResource realm = kc.admin().realm(realmName);
        List<UserRepresentation> reps = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            UserRepresentation user = new UserRepresentation();
            user.setUsername("drain" + i);
            user.setEmail("drain" + i + "@example.org");
            user.setFirstName("D");
            user.setLastName(String.valueOf(i));
            user.setEnabled(true);
            reps.add(user);
        }
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setUsers(reps);
        partial.setIfResourceExists(PartialImportRepresentation.Policy.FAIL.name());
        realm.partialImport(partial).close();
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("maxInFlight", "8"));
        long start = System.nanoTime();
        long rows = SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/sync").path("users").asLong();
        SyncFixtures.await("drain", Duration.ofMinutes(30),
                () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        return new long[]{rows, (System.nanoTime() - start) / 1_000_000};
    }

    /** interleaved, so warm-up and load drift hit both realms alike */
    private static void adminUpdates(ManagedKeycloak kc, InMemoryScimServer scim, int updates, Latencies withTarget, Latencies withoutTarget) {
        String plainName = RealmFixtures.createRealm(kc, "bench-plain");
        String syncedName = RealmFixtures.createRealm(kc, "bench-synced");
        SyncFixtures.addScimTarget(kc, syncedName, scim.baseUrl(), Map.of());
        RealmResource plain = kc.admin().realm(plainName);
        RealmResource synced = kc.admin().realm(syncedName);
        String plainUser = RealmFixtures.createUser(plain, "upd", "pw", "upd@example.org", "U", "P");
        String syncedUser = RealmFixtures.createUser(synced, "upd", "pw", "upd@example.org", "U", "P");
        for (int i = 0; i < updates; i++) {
            update(plain, plainUser, i, i < updates / 10 ? null : withoutTarget);
            update(synced, syncedUser, i, i < updates / 10 ? null : withTarget);
        }
    }

    private static void update(RealmResource realm, String userId, int i, Latencies into) {
        UserRepresentation user = realm.users().get(userId).toRepresentation();
        user.setLastName("v" + i);
        long start = System.nanoTime();
        realm.users().get(userId).update(user);
        if (into != null) {
            into.record(System.nanoTime() - start);
        }
    }

    private static void warmUp(RealmResource realm, InMemoryScimServer scim, String name) {
        RealmFixtures.createUser(realm, name, "pw", name + "@example.org", "W", "U");
        SyncFixtures.await("warm-up user", Duration.ofSeconds(60), () -> scim.userByName(name) != null);
    }
}

package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.ExtraNode;
import io.github.kcprovisioning.it.harness.NodeDatabase;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * {@code kill -9} of the Keycloak JVM while it drains towards a slow target, then a new node on the same database:
 * nothing is lost and nothing is created twice, including the creates the target applied but the dead node never recorded.
 * Runs its own node on its own PostgreSQL database ({@code kc_crash}), so the shared test server is not disturbed.
 */
class OutboundCrashIT {

    private static final int USERS = 200;
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** a short lease, so that the restarted node takes over the dead node's leased rows within seconds */
    private static final String LEASE = "--spi-events-listener--provisioning-outbound--lease-seconds=10";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedMidDrainAndRestartedDeliversEveryUserExactlyOnce() throws Exception {
        assumeTrue(NodeDatabase.available(), "needs PostgreSQL (mvn verify -Ppostgres): the restarted node must reopen the killed "
                + "node's database, which the shared test server's embedded H2 does not allow");
        try (NodeDatabase database = NodeDatabase.create("kc_crash"); InMemoryScimServer scim = new InMemoryScimServer()) {
            String realmName;
            String targetId;
            long usersDeliveredBeforeKill;
            ExtraNode doomed = ExtraNode.start("crash", database, LEASE);
            try {
                realmName = RealmFixtures.createRealm(doomed, "crash");
                targetId = SyncFixtures.addScimTarget(doomed, realmName, scim.baseUrl(),
                        Map.of("maxInFlight", "4", "requestTimeoutMillis", "10000", "maxAttempts", "1000"));
                scim.down(); // the changes pile up in the outbox, so that the kill comes early in a long drain
                RealmResource realm = doomed.admin().realm(realmName);
                for (int i = 0; i < USERS; i++) {
                    RealmFixtures.createUser(realm, userName(i), "pw", userName(i) + "@example.org", "U", "N" + i);
                }
                scim.slow("POST Users", 300); // creates are slow: at any moment some are applied but not yet answered
                scim.up();
                await("draining, with creates in flight", WAIT, () -> scim.users().size() >= 20 && scim.delayedNow() > 0);
                doomed.kill();
            } finally {
                doomed.close();
            }
            await("creates in flight at the kill applied by the target", WAIT, () -> scim.delayedNow() == 0);
            int onTargetAtKill = scim.users().size();
            usersDeliveredBeforeKill = database.queryForLong(
                    "select count(distinct user_id) from prov_outbox where target_id = ? and status = 'DELIVERED'", targetId);
            assertTrue(onTargetAtKill < USERS / 2, "the kill came early in the drain (" + onTargetAtKill + " on the target)");
            assertTrue(onTargetAtKill > usersDeliveredBeforeKill, "some users were sent but their delivery never committed: "
                    + onTargetAtKill + " on the target, " + usersDeliveredBeforeKill + " recorded as delivered");

            ExtraNode restarted = ExtraNode.start("crash", database, LEASE);
            try {
                await("queue drained by the restarted node", WAIT,
                        () -> SyncFixtures.status(restarted, realmName, targetId).path("pending").asLong() == 0);
                assertEquals(0, SyncFixtures.status(restarted, realmName, targetId).path("deadLetters").asLong());
            }  finally {
                restarted.close();
            }

            Set<String> expected = IntStream.range(0, USERS).mapToObj(OutboundCrashIT::userName).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, scim.users().stream().map(u -> u.path("userName").asText()).collect(Collectors.toCollection(TreeSet::new)),
                    "every user arrived");
            assertEquals(USERS, scim.users().size(), "no user twice");
            List<InMemoryScimServer.Request> creates = scim.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals("Users")).toList();
            assertEquals(USERS, creates.size(), "one create per user: none resent after the restart (a resend would be refused with 409)");
            assertTrue(creates.stream().allMatch(r -> r.status() == 201), SyncFixtures.requestLines(scim).toString());
            assertEquals(USERS, creates.stream().map(r -> userNameIn(r.body())).distinct().count());
            assertEquals(USERS, database.queryForLong(
                    "select count(distinct remote_id) from prov_remote_link where target_id = ? and resource_type = 'U'", targetId),
                    "every user linked to its remote id, the creates lost in the crash included");
        }
    }

    private static String userName(int i) {
        return "crash" + i;
    }

    private static String userNameIn(String body) {
        try {
            JsonNode user = JSON.readTree(body);
            return user.path("userName").asText();
        } catch (Exception e) {
            throw new AssertionError("not a SCIM user: " + body, e);
        }
    }
}

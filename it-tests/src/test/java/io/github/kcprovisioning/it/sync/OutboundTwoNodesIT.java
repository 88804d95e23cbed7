package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.ExtraNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.NodeDatabase;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Two Keycloak nodes on one PostgreSQL database, both draining the same outbox. The nodes run with local caches and without
 * Keycloak's user cache: what a real cluster gets from cache invalidation (every node reads a user's committed state),
 * these two get from reading the database. A target added on node A reaches node B's realm cache only when B's realm cache
 * is cleared (the admin API's "clear realm cache", which the first test does and the second deliberately does not). The
 * outbox claiming itself is database-only either way.
 */
class OutboundTwoNodesIT {

    private static final int USERS_PER_NODE = 30;
    private static final int RENAMES = 3;
    private static final int STALE_NODE_USERS = 20;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String[] NODE_ARGS = {"--spi-user-cache--default--enabled=false"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * On {@code kc_two_nodes}, changes made on both nodes while both drain: every outbox row is applied exactly once on
     * the target, each user's changes in commit order, and both nodes took part.
     */
    @Test
    void twoNodesDeliverEveryOperationOnceAndInOrder() throws Exception {
        onTwoNodes("kc_two_nodes", (database, scim, a, b) -> {
            String realmName = RealmFixtures.createRealm(a, "two-nodes");
            String targetId = SyncFixtures.addScimTarget(a, realmName, scim.baseUrl(), Map.of("requestTimeoutMillis", "10000"));
            b.admin().realm(realmName).clearRealmCache(); // B has the realm cached from before the target existed
            scim.slow(20); // each delivery takes a moment, so that both nodes find work

            CompletableFuture<List<String>> onA = changeUsers(a, realmName, "a");
            CompletableFuture<List<String>> onB = changeUsers(b, realmName, "b");
            List<String> userIds = new ArrayList<>(onA.join());
            userIds.addAll(onB.join());

            await("queue drained", WAIT, () -> SyncFixtures.status(a, realmName, targetId).path("pending").asLong() == 0);
            assertEquals(0, SyncFixtures.status(a, realmName, targetId).path("deadLetters").asLong());

            long rows = database.queryForLong("select count(*) from prov_outbox where target_id = ?", targetId);
            assertEquals(rows, database.queryForLong(
                    "select count(*) from prov_outbox where target_id = ? and status = 'DELIVERED'", targetId));
            long deliveredByA = delivered(a, targetId);
            long deliveredByB = delivered(b, targetId);
            assertEquals(rows, deliveredByA + deliveredByB, "each row delivered by exactly one node");
            assertTrue(deliveredByA > 0 && deliveredByB > 0, "both nodes drained: " + deliveredByA + " / " + deliveredByB);

            for (String userId : userIds) {
                assertAppliedOnceInOrder(scim, database, targetId, userId, "v" + RENAMES);
            }
            assertEquals(2 * USERS_PER_NODE, scim.users().size());
        });
    }

    /**
     * On {@code kc_stale_node}: node B read the realm before the target was added on node A, and nothing tells B (local
     * caches, B's realm cache not cleared), so B's realm cache never learns the target during the test. Rows B claims for
     * it must not be dropped as "target removed" (the database still has the target): B gives them back, logs why and
     * leaves the target alone for a while, and node A, which knows the target, delivers them. Creates are slow, so that A
     * is busy while users keep coming and B claims some.
     */
    @Test
    void aNodeThatDoesNotKnowTheTargetYetLeavesItsRowsToTheOtherNode() throws Exception {
        onTwoNodes("kc_stale_node", (database, scim, a, b) -> {
            String realmName = RealmFixtures.createRealm(a, "stale-node");
            b.admin().realm(realmName).toRepresentation(); // B caches the realm, without the target
            String targetId = SyncFixtures.addScimTarget(a, realmName, scim.baseUrl(), Map.of("requestTimeoutMillis", "10000"));
            scim.slow("POST Users", 1000);

            List<String> userIds = createUsers(a.admin().realm(realmName), "stale", STALE_NODE_USERS);
            await("node B leaves a row of the target it does not know", WAIT, () -> !rowsLeftBy(b, targetId).isEmpty());
            await("queue drained", WAIT, () -> SyncFixtures.status(a, realmName, targetId).path("pending").asLong() == 0);

            assertEquals(0, SyncFixtures.status(a, realmName, targetId).path("deadLetters").asLong());
            long rows = database.queryForLong("select count(*) from prov_outbox where target_id = ?", targetId);
            assertEquals(rows, database.queryForLong(
                    "select count(*) from prov_outbox where target_id = ? and status = 'DELIVERED'", targetId));
            for (long seq : rowsLeftBy(b, targetId)) { // left, not deleted: still there, and delivered
                assertEquals(1, database.queryForLong(
                        "select count(*) from prov_outbox where seq = ? and status = 'DELIVERED'", seq), "row " + seq + " that node B left");
            }
            assertEquals(0, delivered(b, targetId), "node B never delivers to a target it does not know");
            assertEquals(rows, delivered(a, targetId), "node A delivered every row");
            for (String userId : userIds) {
                assertAppliedOnceInOrder(scim, database, targetId, userId, "v0");
            }
            assertEquals(STALE_NODE_USERS, scim.users().size());
        });
    }

    private interface TwoNodeTest {
        void run(NodeDatabase database, InMemoryScimServer scim, ExtraNode a, ExtraNode b) throws Exception;
    }

    /** starts nodes A and B on a fresh database {@code databaseName} (B in parallel), runs the test, stops both */
    private static void onTwoNodes(String databaseName, TwoNodeTest test) throws Exception {
        assumeTrue(NodeDatabase.available(), "needs PostgreSQL (mvn verify -Ppostgres): two nodes must share one database");
        try (NodeDatabase database = NodeDatabase.create(databaseName); InMemoryScimServer scim = new InMemoryScimServer()) {
            // one after the other: two nodes migrating an empty database at once race creating Liquibase's own tables
            ExtraNode a = null;
            ExtraNode b = null;
            try {
                a = ExtraNode.start("node-a", database, NODE_ARGS);
                b = ExtraNode.start("node-b", database, NODE_ARGS);
                test.run(database, scim, a, b);
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }
    }

    /** the outbox rows of the target that a node logged as left to the other nodes because its realm cache does not know it */
    private static Set<Long> rowsLeftBy(ExtraNode node, String targetId) {
        Matcher warning = Pattern.compile("Outbound target " + Pattern.quote(targetId)
                + " is in the database but not in this node's realm cache; row (\\d+) is left to the other nodes")
                .matcher(readLog(node));
        Set<Long> seqs = new TreeSet<>();
        while (warning.find()) {
            seqs.add(Long.parseLong(warning.group(1)));
        }
        return seqs;
    }

    private static String readLog(ExtraNode node) {
        try {
            return Files.readString(node.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** creates users on one node and renames each of them several times there; returns their ids */
    private static CompletableFuture<List<String>> changeUsers(KeycloakServer node, String realmName, String prefix) {
        return CompletableFuture.supplyAsync(() -> {
            RealmResource realm = node.admin().realm(realmName);
            List<String> ids = createUsers(realm, prefix, USERS_PER_NODE);
            for (int version = 1; version <= RENAMES; version++) {
                for (String id : ids) {
                    UserRepresentation user = realm.users().get(id).toRepresentation();
                    user.setLastName("v" + version);
                    realm.users().get(id).update(user);
                }
            }
            return ids;
        });
    }

    /** creates {@code count} users, family name "v0"; returns their ids */
    private static List<String> createUsers(RealmResource realm, String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String userName = prefix + "-user" + i;
            ids.add(RealmFixtures.createUser(realm, userName, "pw", userName + "@example.org", "U", "v0"));
        }
        return ids;
    }

    /**
     * One request per outbox row of the user (each upsert is one POST or PUT: a second delivery of a row would add one), the
     * create first, the family names the target received never going back (a change overtaking an older one would), and
     * the last one {@code lastFamilyName}.
     */
    private static void assertAppliedOnceInOrder(InMemoryScimServer scim, NodeDatabase database, String targetId, String userId,
                                                 String lastFamilyName) {
        long rows = database.queryForLong("select count(*) from prov_outbox where target_id = ? and user_id = ?", targetId, userId);
        JsonNode remote = scim.users().stream().filter(u -> userId.equals(u.path("externalId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("user " + userId + " not on the target"));
        String remoteId = remote.path("id").asText();
        List<InMemoryScimServer.Request> writes = scim.requests().stream()
                .filter(r -> (r.method().equals("POST") && r.path().equals("Users") && userId.equals(json(r.body()).path("externalId").asText()))
                        || (r.method().equals("PUT") && r.path().equals("Users/" + remoteId)))
                .toList();
        String what = "user " + remote.path("userName").asText() + ": " + writes.stream().map(r -> r.method() + " " + familyName(r)).toList();
        assertEquals(rows, writes.size(), what + " — one request per outbox row (" + rows + ")");
        assertEquals("POST", writes.get(0).method(), what);
        assertEquals(1, writes.stream().filter(r -> r.method().equals("POST")).count(), what);
        for (int i = 1; i < writes.size(); i++) {
            assertTrue(familyName(writes.get(i - 1)).compareTo(familyName(writes.get(i))) <= 0, what + " — in commit order");
        }
        assertEquals(lastFamilyName, remote.path("name").path("familyName").asText(), what);
    }

    private static String familyName(InMemoryScimServer.Request request) {
        return json(request.body()).path("name").path("familyName").asText();
    }

    /** this node's {@code provisioning_outbound_delivered_total} for the target, from its metrics endpoint */
    private static long delivered(ExtraNode node, String targetId) throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(node.managementUrl().orElseThrow() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher counter = Pattern.compile("(?m)^provisioning_outbound_delivered_total\\{[^}]*target=\"" + Pattern.quote(targetId)
                + "\"[^}]*} ([0-9.E]+)$").matcher(metrics);
        return counter.find() ? (long) Double.parseDouble(counter.group(1)) : 0;
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static void closeQuietly(ExtraNode node) {
        if (node != null) {
            node.close();
        }
    }
}

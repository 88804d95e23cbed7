package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

/** Target down, 500, 429 + Retry-After, timeouts: everything arrives once, in order, after the fault clears. */
class OutboundFaultIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);


    @Test
    void targetDownThenBackGetsEverythingOnceAndInOrder(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "fault");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        String groupId = OutboundDeliveryIT.createGroup(realm, null, "team");
        await("group delivered", WAIT, () -> scim.groupsNamed("team").size() == 1);

        scim.down();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = RealmFixtures.createUser(realm, "user" + i, "pw", "user" + i + "@example.org", "U", "v0");
            ids.add(id);
            rename(realm, id, "v1");
            realm.users().get(id).joinGroup(groupId);
            rename(realm, id, "v2");
        }
        realm.users().delete(ids.get(4)).close(); // created and deleted while the target was down
        await("failures visible to admins", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("lastError").asText("").contains("ConnectException"));
        assertTrue(SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() > 0);

        scim.up();
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
        for (int i = 0; i < 4; i++) {
            String name = "user" + i;
            assertEquals("v2", scim.userByName(name).path("name").path("familyName").asText(), name + " has its last state");
            assertEquals(1, scim.requests().stream().filter(r -> r.method().equals("POST") && r.status() == 201 && r.body().contains("\"" + name + "\"")).count(),
                    name + " created exactly once");
        }
        assertEquals(null, scim.userByName("user4"), "the user deleted meanwhile does not exist on the target");
        assertEquals(4, scim.memberIds(scim.groupsNamed("team").get(0)).size());
    }

    @Test
    void serverErrorsAreRetriedUntilTheyPass(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "fault");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        scim.fail("POST Users", 500, null, 2);
        RealmFixtures.createUser(realm, "erin", "pw", "erin@example.org", "Erin", "E");
        await("erin delivered", WAIT, () -> scim.userByName("erin") != null);
        List<Integer> posts = scim.requests().stream().filter(r -> r.method().equals("POST")).map(InMemoryScimServer.Request::status).toList();
        assertEquals(List.of(500, 500, 201), posts);
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
    }

    @Test
    void retryAfterIsHonoured(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "fault");
        RealmResource realm = kc.admin().realm(realmName);
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("backoffCapMillis", "10000"));
        scim.fail("POST Users", 429, "3", 1);
        RealmFixtures.createUser(realm, "fred", "pw", "fred@example.org", "Fred", "F");
        await("fred delivered", WAIT, () -> scim.userByName("fred") != null);
        List<InMemoryScimServer.Request> posts = scim.requests().stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(429, posts.get(0).status());
        assertEquals(201, posts.get(1).status());
        long waited = posts.get(1).at() - posts.get(0).at();
        assertTrue(waited >= 2900, "waited " + waited + " ms after Retry-After: 3");
    }

    @Test
    void aTimedOutCreateIsNotDuplicatedOnRetry(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "fault");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("requestTimeoutMillis", "1000"));
        scim.slow(2500); // the target applies the POST, but answers after we gave up
        RealmFixtures.createUser(realm, "gina", "pw", "gina@example.org", "Gina", "G");
        await("a timeout recorded", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("lastError").asText("").contains("no answer within"));
        scim.slow(0);
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(1, scim.users().stream().filter(u -> u.path("userName").asText().equals("gina")).count(), "one gina, not two");
    }

    private static void rename(RealmResource realm, String id, String lastName) {
        UserRepresentation user = realm.users().get(id).toRepresentation();
        user.setLastName(lastName);
        realm.users().get(id).update(user);
    }
}

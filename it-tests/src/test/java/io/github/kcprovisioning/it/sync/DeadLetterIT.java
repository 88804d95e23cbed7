package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

/** Hopeless errors and exhausted retries become dead letters that admins see and replay. */
class DeadLetterIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);


    @Test
    void aRejectedChangeIsDeadAtOnceAndReplayable(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "dead");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        scim.fail("POST Users", 400, null, 1);
        RealmFixtures.createUser(realm, "hank", "pw", "hank@example.org", "Hank", "H");
        await("dead letter", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong() == 1);
        assertEquals(1, scim.requests().stream().filter(r -> r.method().equals("POST")).count(), "a 400 is not retried");

        JsonNode dead = SyncFixtures.deadLetters(kc, realmName, targetId).get(0);
        assertEquals("USER_UPSERT", dead.path("operation").asText());
        assertEquals("hank", dead.path("resourceName").asText());
        assertEquals(1, dead.path("attempts").asInt());
        assertTrue(dead.path("error").asText().contains("HTTP 400 injected"), dead.toString());
        assertTrue(SyncFixtures.status(kc, realmName, targetId).path("lastError").asText().contains("HTTP 400"));

        RealmFixtures.createUser(realm, "iris", "pw", "iris@example.org", "Iris", "I");
        await("later changes still flow", WAIT, () -> scim.userByName("iris") != null);

        JsonNode replay = SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/dead-letters/replay");
        assertEquals(1, replay.path("replayed").asInt());
        await("hank delivered after replay", WAIT, () -> scim.userByName("hank") != null);
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
    }

    @Test
    void retriesStopAfterMaxAttempts(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "dead");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("maxAttempts", "3"));
        scim.fail("POST Users", 503, null, 100);
        RealmFixtures.createUser(realm, "jack", "pw", "jack@example.org", "Jack", "J");
        await("dead after 3 attempts", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong() == 1);
        assertEquals(3, scim.requests().stream().filter(r -> r.method().equals("POST")).count());
        JsonNode dead = SyncFixtures.deadLetters(kc, realmName, targetId).get(0);
        assertEquals(3, dead.path("attempts").asInt());
        assertNotNull(dead.path("deadAt").asText(null));
        long seq = dead.path("seq").asLong();

        scim.clearFaults();
        SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/dead-letters/" + seq + "/replay");
        await("jack delivered after replay of that row", WAIT, () -> scim.userByName("jack") != null);
    }

    @Test
    void theAdminApiNeedsRealmAdminRights(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "dead");
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        assertEquals(401, SyncFixtures.raw(kc, "GET", realmName, "targets", null).statusCode());
        assertEquals(404, SyncFixtures.raw(kc, "GET", realmName, "targets/nope", kc.admin().tokenManager().getAccessTokenString()).statusCode());

        RealmResource master = kc.admin().realm("master");
        String plain = "plain" + System.nanoTime();
        RealmFixtures.createUser(master, plain, "pw", plain + "@example.org", "P", "P");
        try (var asPlainUser = org.keycloak.admin.client.KeycloakBuilder.builder().serverUrl(kc.baseUrl()).realm("master")
                .clientId("admin-cli").username(plain).password("pw").build()) {
            String token = asPlainUser.tokenManager().getAccessTokenString();
            assertEquals(403, SyncFixtures.raw(kc, "GET", realmName, "targets/" + targetId, token).statusCode());
            assertEquals(403, SyncFixtures.raw(kc, "POST", realmName, "targets/" + targetId + "/dead-letters/replay", token).statusCode());
        }
    }
}

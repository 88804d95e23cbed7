package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The outbox row is part of the change's transaction: committed change → row; rolled-back change → no row. */
class OutboxTransactionIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void everyCommittedChangeHasItsRow(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "outbox");
        RealmResource realm = kc.admin().realm(realmName);
        // disabled: rows are written but stay in the queue, so they can be counted
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("enabled", "false"));
        String groupId = OutboundDeliveryIT.createGroup(realm, null, "staff");
        assertEquals(1, pending(kc, realmName, targetId), "group created");

        String userId = RealmFixtures.createUser(realm, "dora", "pw", "dora@example.org", "Dora", "D");
        assertEquals(2, pending(kc, realmName, targetId), "user created");
        realm.users().get(userId).joinGroup(groupId);
        assertEquals(3, pending(kc, realmName, targetId), "membership added (model event and admin event give one row)");

        ComponentRepresentation target = realm.components().component(targetId).toRepresentation();
        target.getConfig().putSingle("enabled", "true");
        realm.components().component(targetId).update(target);
        await("queue delivered", WAIT, () -> pending(kc, realmName, targetId) == 0);
        assertEquals(3, SyncFixtures.status(kc, realmName, targetId).path("deliveredRecently").asLong());
        assertEquals(List.of(scim.userByName("dora").path("id").asText()), scim.memberIds(scim.groupsNamed("staff").get(0)));
    }

    @Test
    void aRolledBackChangeLeavesNoRow(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "outbox");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        OutboundDeliveryIT.createGroup(realm, null, "staff");
        await("group delivered", WAIT, () -> scim.groupsNamed("staff").size() == 1 && pending(kc, realmName, targetId) == 0);
        long deliveredBefore = SyncFixtures.status(kc, realmName, targetId).path("deliveredRecently").asLong();

        // Keycloak creates the user and joins /staff (our listener writes a row), then fails on /missing and rolls back
        String name = "ghost" + System.nanoTime();
        UserRepresentation ghost = new UserRepresentation();
        ghost.setUsername(name);
        ghost.setEnabled(true);
        ghost.setGroups(List.of("/staff", "/missing"));
        try (Response response = realm.users().create(ghost)) {
            assertTrue(response.getStatus() >= 400, "the request fails: " + response.getStatus());
        }
        assertTrue(Files.readString(kc.logFile()).contains("Queued MEMBER_ADD of " + name + " "),
                "the listener did write a row inside the failed transaction");
        assertTrue(realm.users().search(name, true).isEmpty(), "the user was rolled back");

        Thread.sleep(3000); // several drainer polls
        JsonNode status = SyncFixtures.status(kc, realmName, targetId);
        assertEquals(0, status.path("pending").asLong(), status.toString());
        assertEquals(0, status.path("deadLetters").asLong(), status.toString());
        assertEquals(deliveredBefore, status.path("deliveredRecently").asLong(), status.toString());
        assertTrue(scim.requests().stream().noneMatch(r -> r.path().contains(name) || r.body().contains(name)),
                "nothing about the rolled-back user reached the target");
    }

    private static long pending(KeycloakServer kc, String realm, String targetId) {
        return SyncFixtures.status(kc, realm, targetId).path("pending").asLong();
    }
}

package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.UserRepresentation;

/** Outbound sync against a SCIM service we did not write (SCIMMY from npm): live changes, initial sync, drift repair. */
@KeycloakIntegrationTest
class IndependentScimTargetIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static ScimmyServer scimmy;

    @BeforeAll
    static void startScimmy() throws Exception {
        scimmy = ScimmyServer.start(InMemoryScimServer.TOKEN);
    }

    @AfterAll
    static void stopScimmy() {
        if (scimmy != null) {
            scimmy.close();
        }
    }

    @Test
    void liveChangesReachScimmy(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "scimmy");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scimmy.baseUrl(), Map.of());
        String groupId = OutboundDeliveryIT.createGroup(realm, null, "ops-" + realmName);
        String id = RealmFixtures.createUser(realm, "kim-" + realmName, "pw", "kim@example.org", "Kim", "K");
        realm.users().get(id).joinGroup(groupId);
        await("kim in ops on SCIMMY", WAIT, () -> scimmy.group("ops-" + realmName) != null
                && scimmy.group("ops-" + realmName).path("members").size() == 1);
        JsonNode kim = scimmy.user("kim-" + realmName);
        assertEquals(id, kim.path("externalId").asText());
        assertEquals(kim.path("id").asText(), scimmy.group("ops-" + realmName).path("members").get(0).path("value").asText());

        UserRepresentation update = realm.users().get(id).toRepresentation();
        update.setEmail("kim@new.example.org");
        realm.users().get(id).update(update);
        await("e-mail updated", WAIT, () -> "kim@new.example.org".equals(scimmy.user("kim-" + realmName).path("emails").get(0).path("value").asText()));

        realm.users().get(id).leaveGroup(groupId);
        await("membership removed", WAIT, () -> scimmy.group("ops-" + realmName).path("members").size() == 0);
        realm.users().delete(id).close();
        await("kim deleted", WAIT, () -> scimmy.user("kim-" + realmName) == null);
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
    }

    @Test
    void initialSyncPushesWhatExistedAndRepairsDrift(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "scimmy");
        RealmResource realm = kc.admin().realm(realmName);
        String groupId = OutboundDeliveryIT.createGroup(realm, null, "legacy-" + realmName);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "old" + i + "-" + realmName;
            names.add(name);
            String id = RealmFixtures.createUser(realm, name, "pw", name + "@example.org", "Old", "Timer");
            if (i % 2 == 0) {
                realm.users().get(id).joinGroup(groupId);
            }
        }
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scimmy.baseUrl(), Map.of());
        assertNull(scimmy.user(names.get(0)), "nothing is pushed for changes made before the target existed");

        JsonNode report = SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/sync");
        assertEquals(1, report.path("groups").asLong());
        assertEquals(12, report.path("users").asLong());
        assertEquals(6, report.path("memberships").asLong());
        await("all pushed", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        names.forEach(name -> assertEquals(name, scimmy.user(name).path("userName").asText()));
        assertEquals(6, scimmy.group("legacy-" + realmName).path("members").size());

        long usersBefore = scimmy.state().path("users").size();
        SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/sync");
        await("second sync done", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(usersBefore, scimmy.state().path("users").size(), "a second sync creates no duplicates");
        assertEquals(6, scimmy.group("legacy-" + realmName).path("members").size(), "nor duplicate members");
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
    }
}

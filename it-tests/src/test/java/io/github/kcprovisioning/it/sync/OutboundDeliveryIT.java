package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Changes made through the admin API reach a SCIM target: users, groups, memberships, renames, deletes. */
class OutboundDeliveryIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void userLifecycleIsPushedWithKeycloakIdAsExternalId(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "sync");
        RealmResource realm = kc.admin().realm(realmName);
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        assertTrue(realm.toRepresentation().getEventsListeners().contains("provisioning-outbound"),
                "adding a target switches the listener on");

        String id = RealmFixtures.createUser(realm, "alice", "pw", "alice@example.org", "Alice", "Liddell");
        await("alice on the target", WAIT, () -> scim.userByName("alice") != null);
        ObjectNode remote = scim.userByName("alice");
        assertEquals(id, remote.path("externalId").asText());
        assertEquals("alice@example.org", remote.path("emails").get(0).path("value").asText());
        assertEquals("Liddell", remote.path("name").path("familyName").asText());
        assertTrue(remote.path("active").asBoolean());
        assertFalse(remote.toString().contains("pw"), "password is never pushed");

        UserRepresentation update = realm.users().get(id).toRepresentation();
        update.setLastName("Hargreaves");
        update.setEnabled(false);
        realm.users().get(id).update(update);
        await("alice updated and deactivated", WAIT, () -> "Hargreaves".equals(scim.userByName("alice").path("name").path("familyName").asText())
                && !scim.userByName("alice").path("active").asBoolean(true));

        realm.users().delete(id).close();
        await("alice deleted on the target", WAIT, () -> scim.userByName("alice") == null);
        assertEquals(1, scim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("Users")).count(),
                SyncFixtures.requestLines(scim).toString());
    }

    @Test
    void groupsAndMembershipsArePatchedNeverReplaced(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "sync");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());

        String engId = createGroup(realm, null, "eng");
        String backendId = createGroup(realm, engId, "backend");
        String bob = RealmFixtures.createUser(realm, "bob", "pw", "bob@example.org", "Bob", "B");
        String carol = RealmFixtures.createUser(realm, "carol", "pw", "carol@example.org", "Carol", "C");
        realm.users().get(bob).joinGroup(backendId);
        realm.users().get(carol).joinGroup(backendId);

        await("bob and carol in backend", WAIT, () -> scim.groupsNamed("backend").size() == 1
                && scim.memberIds(scim.groupsNamed("backend").get(0)).size() == 2);
        ObjectNode eng = scim.groupsNamed("eng").get(0);
        ObjectNode backend = scim.groupsNamed("backend").get(0);
        assertTrue(scim.memberIds(eng).contains(backend.path("id").asText()), "nested: backend is a member of eng");

        realm.users().get(carol).leaveGroup(backendId);
        await("carol left backend", WAIT, () -> scim.memberIds(scim.groupsNamed("backend").get(0)).equals(
                List.of(scim.userByName("bob").path("id").asText())));

        GroupRepresentation rename = realm.groups().group(backendId).toRepresentation();
        rename.setName("platform");
        realm.groups().group(backendId).update(rename);
        await("backend renamed in place", WAIT, () -> scim.groupsNamed("platform").size() == 1);
        assertEquals(backend.path("id").asText(), scim.groupsNamed("platform").get(0).path("id").asText());
        assertEquals(1, scim.memberIds(scim.groupsNamed("platform").get(0)).size(), "rename kept the members");

        assertTrue(scim.requests().stream().noneMatch(r -> r.method().equals("PUT") && r.path().startsWith("Groups")),
                "groups are never replaced wholesale");
        assertTrue(scim.requests().stream().filter(r -> r.method().equals("PATCH") && r.path().startsWith("Groups"))
                        .allMatch(r -> !r.body().contains("\"replace\"") || r.body().contains("displayName")),
                "member changes are add/remove operations, never a whole member list");

        realm.groups().group(engId).remove();
        await("eng and its sub-group deleted", WAIT, () -> scim.groupsNamed("eng").isEmpty() && scim.groupsNamed("platform").isEmpty());
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
    }

    @Test
    void syncRepairsDriftBothWays(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "sync");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        RealmFixtures.createUser(realm, "lost", "pw", "lost@example.org", "Lost", "L");
        String staleId = RealmFixtures.createUser(realm, "stale", "pw", "stale@example.org", "Stale", "S");
        await("both delivered", WAIT, () -> scim.userByName("lost") != null && scim.userByName("stale") != null);

        scim.removeUserBehindTheBack("lost");
        scim.fail("DELETE Users", 400, null, 1); // the delete of "stale" is lost (dead letter)
        realm.users().delete(staleId).close();
        await("delete dead-lettered", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong() == 1);
        assertNotNull(scim.userByName("stale"));

        var report = SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/sync");
        assertEquals(1, report.path("users").asLong());
        assertEquals(1, report.path("deprovisions").asLong(), report.toString());
        await("missing user re-created, stale one deleted", WAIT, () -> scim.userByName("lost") != null && scim.userByName("stale") == null);
    }

    @Test
    void secretsNeverComeBackFromTheAdminApi(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "sync");
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        ComponentRepresentation read = kc.admin().realm(realmName).components().component(targetId).toRepresentation();
        assertNotNull(read.getConfig().getFirst("bearerToken"));
        assertFalse(read.getConfig().getFirst("bearerToken").contains(InMemoryScimServer.TOKEN));
        String status = SyncFixtures.status(kc, realmName, targetId).toString();
        assertFalse(status.contains(InMemoryScimServer.TOKEN), status);
        assertNull(SyncFixtures.status(kc, realmName, targetId).get("config"));
    }

    static String createGroup(RealmResource realm, String parentId, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = parentId == null ? realm.groups().add(group) : realm.groups().group(parentId).subGroup(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }
}

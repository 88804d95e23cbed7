package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

/** A group that already exists on the target under the same displayName is adopted (linked, then updated), not duplicated. */
class GroupAdoptionIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anExistingGroupIsAdoptedAndAnOwnedOneIsNotTakenTwice(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "adopt");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        String existingSales = scim.addGroupBehindTheBack("sales");
        String existingAdmins = scim.addGroupBehindTheBack("admins");

        String sales = OutboundDeliveryIT.createGroup(realm, null, "sales");
        String dave = RealmFixtures.createUser(realm, "dave", "pw", "dave@example.org", "Dave", "D");
        realm.users().get(dave).joinGroup(sales);
        await("dave in the adopted sales group", WAIT, () -> scim.userByName("dave") != null
                && scim.memberIds(scim.groupsNamed("sales").get(0)).contains(scim.userByName("dave").path("id").asText()));
        assertEquals(1, scim.groupsNamed("sales").size(), SyncFixtures.requestLines(scim).toString());
        ObjectNode adopted = scim.groupsNamed("sales").get(0);
        assertEquals(existingSales, adopted.path("id").asText(), "the existing group was linked, not replaced");
        assertEquals(sales, adopted.path("externalId").asText(), "adopting sets our externalId");
        assertTrue(scim.requests().stream().noneMatch(r -> r.method().equals("POST") && r.path().equals("Groups")),
                "no group was created: " + SyncFixtures.requestLines(scim));

        // two local groups named "admins" (/crm/admins, /erp/admins): one adopts the existing group, the other gets its own
        String crmAdmins = OutboundDeliveryIT.createGroup(realm, OutboundDeliveryIT.createGroup(realm, null, "crm"), "admins");
        await("crm/admins adopted", WAIT, () -> crmAdmins.equals(scim.groupsNamed("admins").get(0).path("externalId").asText()));
        String erpAdmins = OutboundDeliveryIT.createGroup(realm, OutboundDeliveryIT.createGroup(realm, null, "erp"), "admins");
        await("erp/admins created beside it", WAIT, () -> scim.groupsNamed("admins").size() == 2);
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        Map<String, String> externalToRemote = scim.groupsNamed("admins").stream()
                .collect(Collectors.toMap(g -> g.path("externalId").asText(), g -> g.path("id").asText()));
        assertEquals(Set.of(crmAdmins, erpAdmins), externalToRemote.keySet());
        assertEquals(existingAdmins, externalToRemote.get(crmAdmins));
        assertNotEquals(existingAdmins, externalToRemote.get(erpAdmins));
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
    }
}

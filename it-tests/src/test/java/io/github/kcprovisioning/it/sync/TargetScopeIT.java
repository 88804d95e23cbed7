package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

/** A target scoped to a group subtree, with flattened memberships and deactivation instead of deletion. */
class TargetScopeIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(20);


    @Test
    void onlyTheSubtreeIsProvisionedFlattenedAndLeavingDeactivates(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "scope");
        RealmResource realm = kc.admin().realm(realmName);
        String apps = OutboundDeliveryIT.createGroup(realm, null, "apps");
        String crm = OutboundDeliveryIT.createGroup(realm, apps, "crm");
        String admins = OutboundDeliveryIT.createGroup(realm, crm, "admins");
        String other = OutboundDeliveryIT.createGroup(realm, null, "other");
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(),
                Map.of("scopeGroup", "/apps/crm", "groupMode", "FLATTEN", "deprovision", "DEACTIVATE"));
        SyncFixtures.call(kc, "POST", realmName, "targets/" + targetId + "/sync");

        String inside = RealmFixtures.createUser(realm, "insider", "pw", "in@example.org", "In", "Side");
        String outside = RealmFixtures.createUser(realm, "outsider", "pw", "out@example.org", "Out", "Side");
        realm.users().get(inside).joinGroup(admins);
        realm.users().get(outside).joinGroup(other);
        await("insider in admins and, flattened, in crm", WAIT, () -> scim.userByName("insider") != null
                && scim.groupsNamed("admins").size() == 1 && scim.memberIds(scim.groupsNamed("admins").get(0)).size() == 1
                && scim.groupsNamed("crm").size() == 1 && scim.memberIds(scim.groupsNamed("crm").get(0)).size() == 1);
        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(null, scim.userByName("outsider"), "a user outside the subtree is not provisioned");
        assertTrue(scim.groupsNamed("apps").isEmpty() && scim.groupsNamed("other").isEmpty(), "groups outside the subtree are not provisioned");
        String insiderId = scim.userByName("insider").path("id").asText();
        assertEquals(List.of(insiderId), scim.memberIds(scim.groupsNamed("crm").get(0)), "flattened: no sub-group among crm's members");

        realm.users().get(inside).leaveGroup(admins);
        await("insider removed from both groups and deactivated", WAIT, () ->
                scim.memberIds(scim.groupsNamed("admins").get(0)).isEmpty()
                        && scim.memberIds(scim.groupsNamed("crm").get(0)).isEmpty()
                        && !scim.userByName("insider").path("active").asBoolean(true));
        assertFalse(scim.requests().stream().anyMatch(r -> r.method().equals("DELETE") && r.path().startsWith("Users")),
                "deactivated, not deleted");
    }
}

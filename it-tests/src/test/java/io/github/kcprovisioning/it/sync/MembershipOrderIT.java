package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;

/**
 * Membership PATCHes apply in commit order, and after the create of their group: many users toggled in and out of a sub-group in quick succession, from
 * interleaved with other users' changes, end up on the target exactly as they end up in Keycloak, in the group and (flattened) in its parent.
 */
class MembershipOrderIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int USERS = 6;

    @Test
    void rapidAddRemoveTogglesEndInTheFinalState(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "order");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("groupMode", "FLATTEN"));
        String team = OutboundDeliveryIT.createGroup(realm, null, "team");
        String squad = OutboundDeliveryIT.createGroup(realm, team, "squad");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(RealmFixtures.createUser(realm, "user" + i, "pw", "user" + i + "@example.org", "User", "No" + i));
        }

        // user i is toggled 2 + i times, round by round so that different users' changes interleave: even counts end
        // outside, odd counts end inside
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < USERS; i++) {
            if ((2 + i) % 2 == 1) {
                expected.add("user" + i);
            }
        }
        // a slow target makes the changes pile up, so each user's later toggles are queued while earlier ones are in flight
        scim.slow(100);
        for (int round = 0; round < 2 + USERS; round++) {
            for (int i = 0; i < USERS; i++) {
                if (round < 2 + i) {
                    if (round % 2 == 0) {
                        realm.users().get(users.get(i)).joinGroup(squad);
                    } else {
                        realm.users().get(users.get(i)).leaveGroup(squad);
                    }
                }
            }
        }

        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(expected, membersOnTarget("squad"), SyncFixtures.requestLines(scim).toString());
        assertEquals(expected, membersOnTarget("team"), "flattened into the parent, same final state");
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
    }

    @Test
    void membershipsWaitForTheCreateOfTheirGroup(KeycloakServer kc) {
        String realmName = RealmFixtures.createRealm(kc, "order");
        RealmResource realm = kc.admin().realm(realmName);
        String targetId = SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("maxAttempts", "3"));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(RealmFixtures.createUser(realm, "user" + i, "pw", "user" + i + "@example.org", "User", "No" + i));
        }
        await("users on the target", WAIT, () -> scim.users().size() == 3);

        // the group's create needs three tries, at least a second apart; memberships retried meanwhile would be dead
        // letters after their own three tries
        scim.fail("POST Groups", 503, "1", 2);
        String late = OutboundDeliveryIT.createGroup(realm, null, "late");
        users.forEach(user -> realm.users().get(user).joinGroup(late));

        await("queue drained", WAIT, () -> SyncFixtures.status(kc, realmName, targetId).path("pending").asLong() == 0);
        assertEquals(Set.of("user0", "user1", "user2"), membersOnTarget("late"), SyncFixtures.requestLines(scim).toString());
        assertEquals(0, SyncFixtures.status(kc, realmName, targetId).path("deadLetters").asLong());
    }

    private Set<String> membersOnTarget(String group) {
        Set<String> names = new HashSet<>();
        for (String id : scim.memberIds(scim.groupsNamed(group).get(0))) {
            scim.users().stream().filter(u -> id.equals(u.path("id").asText()))
                    .forEach(u -> names.add(u.path("userName").asText()));
        }
        return names;
    }
}

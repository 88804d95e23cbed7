package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import io.github.kcprovisioning.it.scim.ScimFixture;
import io.github.kcprovisioning.it.scim.ScimHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Realm A pushes to realm B's SCIM endpoint (our scim-endpoint-spi), authenticating with OAuth2 client credentials.
 * Changes that A's SCIM client itself made are not echoed back to the target linked to that client.
 */
@KeycloakIntegrationTest
class KeycloakToKeycloakIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private InMemoryScimServer other;

    @BeforeEach
    void startOtherTarget() throws Exception {
        other = new InMemoryScimServer();
    }

    @AfterEach
    void stopOtherTarget() {
        other.close();
    }

    @Test
    void changesReachAnotherRealmAndEchoesAreSuppressed(KeycloakServer kc) {
        ScimFixture a = ScimFixture.create(kc);
        ScimFixture b = ScimFixture.create(kc);
        RealmResource realmA = a.realmResource();
        String toB = SyncFixtures.addScimTarget(kc, a.realm(), b.scimUrl(), Map.of(
                "authType", "OAUTH2_CLIENT_CREDENTIALS",
                "tokenUrl", kc.realmUrl(b.realm()) + "/protocol/openid-connect/token",
                "clientId", b.clientId(),
                "clientSecret", "scim-secret",
                "echoClientId", a.clientId()));
        String toOther = SyncFixtures.addScimTarget(kc, a.realm(), other.baseUrl(), Map.of());

        String groupId = OutboundDeliveryIT.createGroup(realmA, null, "crew");
        String ann = RealmFixtures.createUser(realmA, "ann", "pw", "ann@example.org", "Ann", "A");
        realmA.users().get(ann).joinGroup(groupId);
        await("ann and crew in realm B", WAIT, () -> !b.realmResource().users().searchByUsername("ann", true).isEmpty()
                && !b.realmResource().groups().groups("crew", 0, 10).isEmpty()
                && members(b.realmResource(), "crew").contains("ann"));
        UserRepresentation inB = b.realmResource().users().searchByUsername("ann", true).get(0);
        assertEquals("ann@example.org", inB.getEmail());
        assertEquals("Ann", inB.getFirstName());

        // A's SCIM client (the system behind target "toB") creates a user in A through our SCIM endpoint
        ScimHttp.Reply created = a.http().post("/Users", ScimHttp.parse(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bea\",\"active\":true}"));
        assertEquals(201, created.status(), created.body());
        await("bea reaches the unlinked target", WAIT, () -> other.userByName("bea") != null);
        await("target B's queue empty", WAIT, () -> SyncFixtures.status(kc, a.realm(), toB).path("pending").asLong() == 0);
        assertTrue(b.realmResource().users().searchByUsername("bea", true).isEmpty(), "bea is not echoed back to its source");
        assertEquals(0, SyncFixtures.status(kc, a.realm(), toB).path("deadLetters").asLong());
        assertEquals(0, SyncFixtures.status(kc, a.realm(), toOther).path("deadLetters").asLong());
    }

    private static List<String> members(RealmResource realm, String groupName) {
        List<GroupRepresentation> groups = realm.groups().groups(groupName, 0, 10);
        if (groups.isEmpty()) {
            return List.of();
        }
        return realm.groups().group(groups.get(0).getId()).members().stream().map(UserRepresentation::getUsername).toList();
    }
}

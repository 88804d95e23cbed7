package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * A target scoped by a user attribute, reached over HTTP basic: only users carrying the attribute value are provisioned,
 * and a user who loses it is deprovisioned as the target says (deleted or deactivated).
 */
class AttributeScopeIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ATTRIBUTE = "provisionCrm";

    @Test
    void losingTheAttributeDeletes(KeycloakServer kc) {
        String realmName = scopedRealm(kc, "DELETE");
        UserResource in = provisionedUser(kc, realmName);
        setAttribute(in, null);
        // the target records a request after answering it: wait for the record, not only for the user to be gone
        await("user deleted on the target by a DELETE", WAIT, () -> scim.userByName("carla") == null
                && scim.requests().stream().anyMatch(r -> r.method().equals("DELETE") && r.path().startsWith("Users/")));
        assertOnlyBasicAuthUsed();
    }

    @Test
    void losingTheAttributeDeactivates(KeycloakServer kc) {
        String realmName = scopedRealm(kc, "DEACTIVATE");
        UserResource in = provisionedUser(kc, realmName);
        setAttribute(in, "false");
        await("user deactivated on the target", WAIT, () -> !scim.userByName("carla").path("active").asBoolean(true));
        assertFalse(scim.requests().stream().anyMatch(r -> r.method().equals("DELETE")), "deactivated, not deleted");
        assertOnlyBasicAuthUsed();
    }

    /** a realm whose target takes only users with provisionCrm=true, over basic auth (the bearer token would be refused) */
    private String scopedRealm(KeycloakServer kc, String deprovision) {
        String realmName = RealmFixtures.createRealm(kc, "attr");
        RealmResource realm = kc.admin().realm(realmName);
        UPConfig profile = realm.users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        realm.users().userProfile().update(profile);
        scim.requireBasicAuth("kc-sync", "b4sic-secret");
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of("authType", "BASIC", "username", "kc-sync",
                "password", "b4sic-secret", "scopeUserAttribute", ATTRIBUTE + "=true", "deprovision", deprovision));
        return realmName;
    }

    /** carla (in scope) is provisioned, olaf (no attribute) is not until he gets it */
    private UserResource provisionedUser(KeycloakServer kc, String realmName) {
        RealmResource realm = kc.admin().realm(realmName);
        UserResource carla = realm.users().get(RealmFixtures.createUser(realm, "carla", "pw", "carla@example.org", "Carla", "C"));
        setAttribute(carla, "true");
        UserResource olaf = realm.users().get(RealmFixtures.createUser(realm, "olaf", "pw", "olaf@example.org", "Olaf", "O"));
        await("carla on the target", WAIT, () -> scim.userByName("carla") != null);
        assertNull(scim.userByName("olaf"), "a user without the attribute is not provisioned");
        setAttribute(olaf, "true");
        await("olaf on the target once he carries the attribute", WAIT, () -> scim.userByName("olaf") != null);
        assertEquals(2, scim.users().size());
        return carla;
    }

    private static void setAttribute(UserResource user, String value) {
        UserRepresentation representation = user.toRepresentation();
        if (value == null) {
            representation.getAttributes().remove(ATTRIBUTE);
        } else {
            if (representation.getAttributes() == null) {
                representation.setAttributes(new HashMap<>());
            }
            representation.getAttributes().put(ATTRIBUTE, List.of(value));
        }
        user.update(representation);
    }

    private void assertOnlyBasicAuthUsed() {
        assertTrue(scim.requests().stream().noneMatch(r -> r.status() == 401), SyncFixtures.requestLines(scim).toString());
    }
}

package io.github.kcprovisioning.it.lifecycle;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.jit.JitFixture;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Issue 9, audit trail: every automated change is a Keycloak admin event whose {@code origin} detail names what made it —
 * {@code jit:<idp alias>} (a login), {@code scim:<client id>} (a SCIM client), {@code outbound:<target id>} (a push to a
 * target) and {@code sweep} (the account-expiry sweep) — so that an auditor can answer "who gave this user this group, and when".
 */
@KeycloakIntegrationTest
class AuditTrailIT {
    private static final Duration WITHIN = Duration.ofSeconds(45);

    @Test
    void everyAutomatedChangeIsAnAdminEventNamingItsOrigin(KeycloakServer server) {
        LifecycleChain chain = LifecycleChain.create(server);
        JitFixture jit = chain.jit();
        RealmResource realm = jit.brokerRealm();
        RealmRepresentation settings = realm.toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        realm.update(settings);
        jit.changeBrokerProfile(profile -> profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED));
        jit.addMapper(JitFixture.mapper("jit-account-expiry", "expire inactive accounts",
                Map.of("inactiveDays", "30", "action", "disable", "syncMode", "INHERIT")));
        String byLogin = "jit:" + jit.idpAlias;

        // a JIT login creates the user and the group, and adds the membership
        String upstreamId = jit.upstreamUser("ada");
        jit.joinUpstream(upstreamId, "/eng/backend");
        jit.loginOk("ada");
        String ada = jit.brokerUser("ada").getId();
        String backend = jit.brokerGroupAt(JitFixture.ROOT + "/eng/backend").getId();
        AdminEventRepresentation created = event(realm, "CREATE", "USER", "users/" + ada, byLogin);
        assertNull(created.getAuthDetails().getUserId(), "no admin did this");
        event(realm, "CREATE", "GROUP", "groups/" + backend, byLogin);
        event(realm, "CREATE", "GROUP_MEMBERSHIP", "users/" + ada + "/groups/" + backend, byLogin);

        // the next login removes the membership the source no longer asserts, and updates the user
        // (moved rather than left without groups: the upstream then sends no groups claim, and JIT keeps what it has)
        jit.leaveUpstream(upstreamId, "/eng/backend");
        jit.joinUpstream(upstreamId, "/sales");
        jit.loginOk("ada");
        event(realm, "DELETE", "GROUP_MEMBERSHIP", "users/" + ada + "/groups/" + backend, byLogin);
        event(realm, "UPDATE", "USER", "users/" + ada, byLogin);

        // a SCIM client's change
        String sid = chain.scimIn().http().post("/Users", Map.of(
                        "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "sid", "active", true))
                .assertStatus(201).json().path("id").asText();
        event(realm, "CREATE", "USER", "users/" + sid, "scim:" + chain.scimIn().clientId());

        // the outbound push of those changes to the target
        String pushed = "outbound:" + chain.targetId();
        SyncFixtures.await("push of ada recorded", WITHIN, () -> find(realm, "ACTION", "USER", "users/" + ada, pushed).isPresent());
        SyncFixtures.await("push of sid recorded", WITHIN, () -> find(realm, "ACTION", "USER", "users/" + sid, pushed).isPresent());

        // the expiry sweep (every 2 s in this suite) disabling the account not signed in for 40 days
        UserRepresentation absent = realm.users().get(ada).toRepresentation();
        absent.getAttributes().put("kcprov.jit.lastLogin." + jit.idpAlias,
                List.of(String.format("%013d", Instant.now().minus(Duration.ofDays(40)).toEpochMilli())));
        realm.users().get(ada).update(absent);
        SyncFixtures.await("the sweep's event", WITHIN, () -> find(realm, "UPDATE", "USER", "users/" + ada, "sweep").isPresent());
        // and the sweep's change goes outbound like any other
        SyncFixtures.await("ada deactivated on the target by the sweep", WITHIN, () -> !chain.downstreamUser("ada").isEnabled());
    }

    private static AdminEventRepresentation event(RealmResource realm, String operation, String type, String path, String origin) {
        return find(realm, operation, type, path, origin).orElseThrow(() -> new AssertionError("no " + operation + " " + type
                + " event for " + path + " with origin " + origin + "; events for it: " + describe(realm, path)));
    }

    private static Optional<AdminEventRepresentation> find(RealmResource realm, String operation, String type, String path,
                                                           String origin) {
        return eventsFor(realm, path).stream()
                .filter(e -> operation.equals(e.getOperationType()) && type.equals(e.getResourceType()))
                .filter(e -> e.getDetails() != null && origin.equals(e.getDetails().get("origin")))
                .findFirst();
    }

    private static List<AdminEventRepresentation> eventsFor(RealmResource realm, String path) {
        return realm.getAdminEvents(null, null, null, null, null, path, null, null, null, 0, 1000);
    }

    private static String describe(RealmResource realm, String path) {
        return eventsFor(realm, path).stream()
                .map(e -> e.getOperationType() + " " + e.getResourceType() + " " + e.getDetails()).toList().toString();
    }
}

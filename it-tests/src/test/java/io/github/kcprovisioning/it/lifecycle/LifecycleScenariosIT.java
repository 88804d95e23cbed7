package io.github.kcprovisioning.it.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import io.github.kcprovisioning.it.jit.JitFixture;
import io.github.kcprovisioning.it.scim.ScimHttp;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

/**
 * Issue 9: a person's access follows their status everywhere. The chain under test is real end to end:
 * an upstream realm (the IdP) → the broker realm (JIT at login, and our SCIM endpoint for a provisioning client)
 * → outbound sync → a downstream realm's SCIM endpoint (the target, deactivating on deprovision).
 */
@KeycloakIntegrationTest
class LifecycleScenariosIT {
    private static final Duration OUTBOUND = Duration.ofSeconds(45);
    private static final String BACKEND = JitFixture.ROOT + "/eng/backend";
    private static final String SALES = JitFixture.ROOT + "/sales";

    @Test
    void joinerNameChangeAndMoverThroughJit(KeycloakServer server) {
        LifecycleChain chain = LifecycleChain.create(server);
        JitFixture jit = chain.jit();
        String upstreamId = jit.upstreamUser("joe", "joe@example.org", "Joe", "Single");
        jit.joinUpstream(upstreamId, "/eng/backend");

        // 1. joiner
        jit.loginOk("joe");
        assertEquals(Set.of(BACKEND), jit.brokerGroupsOf("joe"));
        awaitTarget("joe's groups on the target", Set.of(BACKEND), () -> chain.downstreamGroupsOf("joe"));
        String brokerId = jit.brokerUser("joe").getId();
        String downstreamId = chain.downstreamUser("joe").getId();
        grantRoleThroughGroup(jit.brokerRealm(), "backend-dev", BACKEND);
        assertTrue(effectiveRealmRoles(jit.brokerRealm(), brokerId).contains("backend-dev"));

        // 2. name and e-mail change at the source
        UserRepresentation upstreamJoe = jit.upstream().users().get(upstreamId).toRepresentation();
        upstreamJoe.setLastName("Married");
        upstreamJoe.setEmail("joe.married@example.org");
        jit.upstream().users().get(upstreamId).update(upstreamJoe);
        jit.loginOk("joe");
        assertEquals("Married", jit.brokerUser("joe").getLastName());
        assertEquals(brokerId, jit.brokerUser("joe").getId(), "same account in the realm");
        SyncFixtures.await("new name on the target", OUTBOUND, () -> "Married".equals(chain.downstreamUser("joe").getLastName())
                && "joe.married@example.org".equals(chain.downstreamUser("joe").getEmail()));
        assertEquals(downstreamId, chain.downstreamUser("joe").getId(), "same account on the target");
        assertEquals(1, chain.downstream().realmResource().users().search("joe", 0, 10).size(), "no duplicate on the target");

        // 3. mover: the source moves jo from backend to sales; the role that came with backend goes
        jit.leaveUpstream(upstreamId, "/eng/backend");
        jit.joinUpstream(upstreamId, "/sales");
        jit.loginOk("joe");
        assertEquals(Set.of(SALES), jit.brokerGroupsOf("joe"));
        assertFalse(effectiveRealmRoles(jit.brokerRealm(), brokerId).contains("backend-dev"), "role of the old group is gone");
        awaitTarget("joe's groups on the target after the move", Set.of(SALES), () -> chain.downstreamGroupsOf("joe"));
    }

    @Test
    void joinerNameChangeMoverLeaverAndRehireThroughScim(KeycloakServer server) {
        LifecycleChain chain = LifecycleChain.create(server);
        ScimHttp scim = chain.scimIn().http();
        String crm = chain.jit().brokerGroup("/apps/crm");
        String erp = chain.jit().brokerGroup("/apps/erp");
        RealmResource realm = chain.jit().brokerRealm();
        grantRoleThroughGroup(realm, "crm-user", "/apps/crm");

        // 1. joiner: a SCIM client creates the user and adds it to a group
        String id = scim.post("/Users", Map.of(
                "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "sam", "name", Map.of("givenName", "Sam", "familyName", "Single"),
                "emails", List.of(Map.of("value", "sam@example.org", "primary", true)), "active", true))
                .assertStatus(201).json().path("id").asText();
        scim.patch("/Groups/" + crm, patch("add", "members", List.of(Map.of("value", id)))).assertStatus(204);
        awaitTarget("sam's groups on the target", Set.of("/apps/crm"), () -> chain.downstreamGroupsOf("sam"));
        String downstreamId = chain.downstreamUser("sam").getId();

        // 2. name change
        scim.patch("/Users/" + id, patch("replace", "name.familyName", "Married")).assertStatus(200);
        SyncFixtures.await("new name on the target", OUTBOUND, () -> "Married".equals(chain.downstreamUser("sam").getLastName()));

        // 3. mover: the SCIM client moves sam from crm to erp; the role that came with crm goes
        assertTrue(effectiveRealmRoles(realm, id).contains("crm-user"));
        scim.patch("/Groups/" + crm, removeMember(id)).assertStatus(204);
        scim.patch("/Groups/" + erp, patch("add", "members", List.of(Map.of("value", id)))).assertStatus(204);
        assertEquals(Set.of("/apps/erp"), realm.users().get(id).groups().stream().map(GroupRepresentation::getPath)
                .collect(Collectors.toSet()));
        assertFalse(effectiveRealmRoles(realm, id).contains("crm-user"), "role of the old group is gone");
        awaitTarget("sam's groups on the target after the move", Set.of("/apps/erp"), () -> chain.downstreamGroupsOf("sam"));
        assertEquals(downstreamId, chain.downstreamUser("sam").getId(), "same account on the target");

        // 4. leaver: deactivated at the source → disabled here, deactivated (not deleted) on the target
        scim.patch("/Users/" + id, patch("replace", "active", false)).assertStatus(200);
        assertFalse(chain.jit().brokerRealm().users().get(id).toRepresentation().isEnabled());
        SyncFixtures.await("sam deactivated on the target", OUTBOUND, () -> !chain.downstreamUser("sam").isEnabled());
        assertEquals(downstreamId, chain.downstreamUser("sam").getId());

        // 5. rehire: the same account comes back, here and on the target, with its group
        scim.patch("/Users/" + id, patch("replace", "active", true)).assertStatus(200);
        assertTrue(chain.jit().brokerRealm().users().get(id).toRepresentation().isEnabled());
        SyncFixtures.await("sam active again on the target", OUTBOUND, () -> chain.downstreamUser("sam").isEnabled());
        assertEquals(downstreamId, chain.downstreamUser("sam").getId(), "the same remote user is reactivated");
        assertEquals(Set.of("/apps/erp"), chain.downstreamGroupsOf("sam"));
        assertEquals(1, chain.jit().brokerRealm().users().search("sam", 0, 10).size(), "no second account here");
    }

    @Test
    void leaverDeactivatedBySourceLosesSessionsAndRehireRestoresGroups(KeycloakServer server) {
        LifecycleChain chain = LifecycleChain.create(server);
        JitFixture jit = chain.jit();
        String upstreamId = jit.upstreamUser("lee", "lee@example.org", "Lee", "Leaver");
        jit.joinUpstream(upstreamId, "/eng/backend");
        jit.loginOk("lee");
        String id = jit.brokerUser("lee").getId();
        assertFalse(jit.brokerUserResource("lee").getUserSessions().isEmpty(), "lee has a session after login");
        SyncFixtures.await("lee on the target", OUTBOUND, () -> chain.downstreamUser("lee") != null);

        // leaver: HR's SCIM client deactivates the person
        ScimHttp scim = chain.scimIn().http();
        scim.patch("/Users/" + id, patch("replace", "active", false)).assertStatus(200);
        assertFalse(jit.brokerUser("lee").isEnabled());
        assertTrue(jit.brokerUserResource("lee").getUserSessions().isEmpty(), "sessions ended");
        assertFalse(jit.login("lee").succeeded(), "a disabled account cannot sign in through the IdP");
        SyncFixtures.await("lee deactivated on the target", OUTBOUND, () -> !chain.downstreamUser("lee").isEnabled());

        // rehire: re-activated by SCIM, the next login restores the groups the source asserts
        jit.leaveUpstream(upstreamId, "/eng/backend");
        jit.joinUpstream(upstreamId, "/sales");
        scim.patch("/Users/" + id, patch("replace", "active", true)).assertStatus(200);
        jit.loginOk("lee");
        assertEquals(id, jit.brokerUser("lee").getId(), "the old account, not a second one");
        assertEquals(Set.of(SALES), jit.brokerGroupsOf("lee"));
        SyncFixtures.await("lee active again on the target, in sales", OUTBOUND,
                () -> chain.downstreamUser("lee").isEnabled() && chain.downstreamGroupsOf("lee").equals(Set.of(SALES)));
    }

    @Test
    void leaverRemovedFromTheAllowedGroupsIsDisabledAndRehireReEnablesIt(KeycloakServer server) {
        LifecycleChain chain = LifecycleChain.create(server, Map.of("gate.groups", "/staff", "gate.denial.action", "disable"));
        JitFixture jit = chain.jit();
        // shows the mark (an attribute the user profile does not declare) to the admin API
        jit.changeBrokerProfile(profile -> profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED));
        String upstreamId = jit.upstreamUser("gail", "gail@example.org", "Gail", "Gated");
        jit.joinUpstream(upstreamId, "/staff");
        jit.loginOk("gail");
        String id = jit.brokerUser("gail").getId();
        assertFalse(jit.brokerUserResource("gail").getUserSessions().isEmpty(), "gail has a session after login");
        SyncFixtures.await("gail on the target", OUTBOUND, () -> chain.downstreamUser("gail") != null);
        String downstreamId = chain.downstreamUser("gail").getId();

        // leaver: the IdP no longer puts gail in an allowed group → login refused, account disabled, sessions ended
        jit.leaveUpstream(upstreamId, "/staff");
        LoginResult denied = jit.login("gail");
        assertFalse(denied.succeeded());
        assertEquals(403, denied.finalPage().status());
        assertTrue(denied.errorMessage().orElse("").contains("You are not a member of any group that is allowed to sign in"),
                () -> "page: " + denied.page().text());
        UserRepresentation disabled = jit.brokerRealm().users().get(id).toRepresentation();
        assertFalse(disabled.isEnabled(), "disabled by the refused login");
        assertEquals(List.of(jit.idpAlias), disabled.getAttributes().get("kcprov.jit.disabledBy"));
        assertTrue(jit.brokerUserResource("gail").getUserSessions().isEmpty(), "sessions ended");
        SyncFixtures.await("gail deactivated on the target", OUTBOUND, () -> !chain.downstreamUser("gail").isEnabled());

        // rehire: back in an allowed group → the next login re-enables the same account, and the target the same remote user
        jit.joinUpstream(upstreamId, "/staff");
        jit.loginOk("gail");
        UserRepresentation back = jit.brokerRealm().users().get(id).toRepresentation();
        assertTrue(back.isEnabled(), "re-enabled by the allowed login");
        assertFalse(back.getAttributes() != null && back.getAttributes().containsKey("kcprov.jit.disabledBy"), "mark removed");
        assertEquals(1, jit.brokerRealm().users().search("gail", 0, 10).size(), "no second account here");
        SyncFixtures.await("gail active again on the target", OUTBOUND, () -> chain.downstreamUser("gail").isEnabled());
        assertEquals(downstreamId, chain.downstreamUser("gail").getId(), "the same remote user is reactivated");

        // an account an admin disabled is not re-enabled by a login the gate allows
        back.setEnabled(false);
        jit.brokerRealm().users().get(id).update(back);
        assertFalse(jit.login("gail").succeeded());
        assertFalse(jit.brokerRealm().users().get(id).toRepresentation().isEnabled(), "the admin's decision stands");
    }

    /** Waits until the target shows {@code expected}; on time-out the failure names what it showed last. */
    private static <T> void awaitTarget(String what, T expected, Supplier<T> actual) {
        Instant deadline = Instant.now().plus(OUTBOUND);
        T last = actual.get();
        while (!expected.equals(last) && Instant.now().isBefore(deadline)) {
            sleep();
            last = actual.get();
        }
        assertEquals(expected, last, what + " within " + OUTBOUND.toSeconds() + " s");
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> patch(String op, String path, Object value) {
        return Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", op, "path", path, "value", value)));
    }

    private static Map<String, Object> removeMember(String userId) {
        return Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                "Operations", List.of(Map.of("op", "remove", "path", "members[value eq \"" + userId + "\"]")));
    }

    private static void grantRoleThroughGroup(RealmResource realm, String roleName, String groupPath) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(roleName);
        realm.roles().create(role);
        GroupRepresentation group = JitFixture.findGroup(realm, groupPath);
        realm.groups().group(group.getId()).roles().realmLevel().add(List.of(realm.roles().get(roleName).toRepresentation()));
    }

    private static Set<String> effectiveRealmRoles(RealmResource realm, String userId) {
        return realm.users().get(userId).roles().realmLevel().listEffective().stream().map(RoleRepresentation::getName)
                .collect(Collectors.toSet());
    }
}

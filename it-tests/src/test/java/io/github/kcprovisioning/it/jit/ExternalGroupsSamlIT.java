package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JIT core through a real upstream Keycloak realm acting as SAML 2.0 identity provider. */
@KeycloakIntegrationTest
class ExternalGroupsSamlIT {

    @Test
    void firstLoginCreatesUserAndNestedGroupsAndTheNextLoginFollowsUpstreamChanges(KeycloakServer server) {
        JitFixture jit = JitFixture.saml(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        String sam = jit.upstreamUser("sam");
        jit.joinUpstream(sam, "/eng/backend");
        jit.joinUpstream(sam, "/ops");

        jit.loginOk("sam");
        assertEquals("sam@example.org", jit.brokerUser("sam").getEmail(), "jit-user-attributes read the SAML attributes");
        assertEquals(Set.of(ROOT + "/eng/backend", ROOT + "/ops"), jit.brokerGroupsOf("sam"));

        jit.leaveUpstream(sam, "/ops");
        jit.joinUpstream(sam, "/qa");
        jit.loginOk("sam");
        assertEquals(Set.of(ROOT + "/eng/backend", ROOT + "/qa"), jit.brokerGroupsOf("sam"));
    }

    @Test
    void theAttributeIsFoundByFriendlyNameAndOnlyJitMembershipsAreRemoved(KeycloakServer server) {
        JitFixture jit = JitFixture.saml(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("claim", "memberOf", "groups.format", "path"));
        String sue = jit.upstreamUser("sue");
        jit.joinUpstream(sue, "/dev");
        jit.joinUpstream(sue, "/ops");
        jit.loginOk("sue");
        String manual = jit.brokerGroup(ROOT + "/hand-picked");
        jit.brokerUserResource("sue").joinGroup(manual);
        String ops = jit.brokerGroupAt(ROOT + "/ops").getId();
        jit.brokerUserResource("sue").leaveGroup(ops); // admin exclusion

        jit.leaveUpstream(sue, "/dev");
        jit.joinUpstream(sue, "/qa");
        jit.loginOk("sue");

        assertEquals(Set.of(ROOT + "/qa", ROOT + "/hand-picked"), jit.brokerGroupsOf("sue"));
    }

    @Test
    void hostileGroupNamesStayConfined(KeycloakServer server) {
        JitFixture jit = JitFixture.saml(server);
        jit.samlGroupsAttributeValues("../admins", "..", "a/b", "/etc/passwd", "x".repeat(150), "Admins", "admins", "fine");
        jit.groupsMapper(Map.of("lower.case", "true"));
        jit.upstreamUser("zed");

        jit.loginOk("zed");

        assertEquals(Set.of(ROOT + "/admins", ROOT + "/fine"), jit.brokerGroupsOf("zed"));
        assertEquals(Set.of("admins", "fine"), jit.subGroupNames(ROOT));
        assertEquals(List.of("external"), jit.brokerRealm().groups().groups().stream().map(GroupRepresentation::getName).toList());
    }

    @Test
    void theGateDeniesWithTheThemedPage(KeycloakServer server) {
        JitFixture jit = JitFixture.saml(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path", "gate.groups", "/staff"));
        jit.joinUpstream(jit.upstreamUser("gus"), "/dev");

        LoginResult denied = jit.login("gus");

        assertFalse(denied.succeeded());
        assertTrue(denied.errorMessage().orElse("").contains("You are not a member of any group that is allowed to sign in"),
                () -> "page: " + denied.page().text());
        assertNull(jit.brokerUser("gus"));
    }

    @Test
    void jsonObjectValuesCarryAStableIdSoARenameUpstreamRenamesTheGroupInPlace(KeycloakServer server) {
        JitFixture jit = JitFixture.saml(server);
        jit.samlGroupsAttributeValues("{\"id\":\"00g1okta\",\"name\":\"Engineering\"}", "{\"id\":\"00g2okta\",\"name\":\"Sales\"}");
        jit.groupsMapper(Map.of("groups.format", "json"));
        jit.upstreamUser("rosa");
        jit.loginOk("rosa");
        GroupRepresentation before = jit.brokerGroupAt(ROOT + "/Engineering");
        assertNotNull(before, "group created from the object's display name");
        RoleRepresentation role = new RoleRepresentation();
        role.setName("engineer");
        jit.brokerRealm().roles().create(role);
        jit.brokerRealm().groups().group(before.getId()).roles().realmLevel()
                .add(List.of(jit.brokerRealm().roles().get("engineer").toRepresentation()));

        jit.samlGroupsAttributeValues("{\"id\":\"00g1okta\",\"name\":\"Platform Engineering\"}", "{\"id\":\"00g2okta\",\"name\":\"Sales\"}");
        jit.loginOk("rosa");

        assertNull(jit.brokerGroupAt(ROOT + "/Engineering"));
        GroupRepresentation after = jit.brokerGroupAt(ROOT + "/Platform Engineering");
        assertNotNull(after);
        assertEquals(before.getId(), after.getId(), "renamed in place: same Keycloak group");
        assertEquals(List.of("engineer"), jit.brokerRealm().groups().group(after.getId()).roles().realmLevel().listAll()
                .stream().map(RoleRepresentation::getName).toList());
        assertEquals(Set.of(ROOT + "/Platform Engineering", ROOT + "/Sales"), jit.brokerGroupsOf("rosa"));
    }
}

package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserSessionRepresentation;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8: what real enterprise IdPs (and hostile ones) send, through a real upstream realm over OIDC. */
@KeycloakIntegrationTest
class EnterpriseIdpOidcIT {

    private static final String OVERAGE_CLAIM_NAMES = "{\"groups\": \"src1\"}";
    private static final String OVERAGE_CLAIM_SOURCES =
            "{\"src1\": {\"endpoint\": \"https://graph.windows.net/tenant/users/oid/getMemberObjects\"}}";

    @Test
    void groupOverageKeepsTheJitMembershipsInsteadOfStrippingThem(KeycloakServer server) throws Exception {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"dev\", \"ops\"]");
        jit.groupsMapper(Map.of());
        jit.upstreamUser("olivia");
        jit.loginOk("olivia");
        assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("olivia"));

        // Entra ID overage: no groups claim, a distributed-claims link instead
        jit.removeClaim();
        jit.extraClaim("_claim_names", OVERAGE_CLAIM_NAMES);
        jit.extraClaim("_claim_sources", OVERAGE_CLAIM_SOURCES);
        jit.loginOk("olivia");

        assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("olivia"));
        assertTrue(Files.readString(server.logFile()).contains("group overage: the IdP sent a link instead of claim 'groups'"
                + " for user 'olivia' (too many groups); keeping the JIT memberships unchanged"));
    }

    @Test
    void groupOverageCanRefuseTheLogin(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.extraClaim("_claim_names", OVERAGE_CLAIM_NAMES);
        jit.extraClaim("_claim_sources", OVERAGE_CLAIM_SOURCES);
        jit.groupsMapper(Map.of("overage", "deny"));
        jit.upstreamUser("oscar");

        LoginResult denied = jit.login("oscar");

        assertFalse(denied.succeeded());
        assertTrue(denied.errorMessage().orElse("").contains("did not send your group memberships"),
                () -> "page: " + denied.page().text());
    }

    @Test
    void aTenThousandEntryClaimIsCappedPerLoginAndInTotal(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJsonInIdTokenOnly(IntStream.range(0, 10_000).mapToObj(i -> "\"flood-" + i + "\"").collect(Collectors.joining(",", "[", "]")));
        jit.groupsMapper(Map.of("max.groups", "50", "max.groups.created", "30"));
        jit.upstreamUser("hydra");

        jit.loginOk("hydra");

        assertEquals(30, jit.subGroupNames(ROOT).size(), "no more groups than the total cap");
        assertEquals(30, jit.brokerGroupsOf("hydra").size());
        assertEquals(List.of("external"), jit.brokerRealm().groups().groups().stream().map(GroupRepresentation::getName).toList());
    }

    @Test
    void aManagedRootThatGrantsAdminRolesIsRefusedOnSave(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        String root = jit.brokerGroup(ROOT);
        String realmManagement = jit.brokerRealm().clients().findByClientId("realm-management").get(0).getId();
        jit.brokerRealm().groups().group(root).roles().clientLevel(realmManagement)
                .add(List.of(jit.brokerRealm().clients().get(realmManagement).roles().get("realm-admin").toRepresentation()));
        IdentityProviderMapperRepresentation mapper = JitFixture.mapper("jit-external-groups", "privileged root",
                Map.of("syncMode", "INHERIT", "root.group", ROOT));
        mapper.setIdentityProviderAlias(jit.idpAlias);

        try (Response response = jit.brokerRealm().identityProviders().get(jit.idpAlias).addMapper(mapper)) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertTrue(body.contains("grants administrative roles"), body);
        }
    }

    @Test
    void losingAGroupThatGrantedRolesEndsTheUsersOtherSessionsWhenConfigured(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"dev\", \"payroll\"]");
        jit.groupsMapper(Map.of("revoke.sessions", "true"));
        jit.upstreamUser("sara");
        jit.loginOk("sara");
        RoleRepresentation role = new RoleRepresentation();
        role.setName("payroll-reader");
        jit.brokerRealm().roles().create(role);
        jit.brokerRealm().groups().group(jit.brokerGroupAt(ROOT + "/payroll").getId()).roles().realmLevel()
                .add(List.of(jit.brokerRealm().roles().get("payroll-reader").toRepresentation()));
        String userId = jit.brokerUser("sara").getId();
        List<String> before = jit.brokerRealm().users().get(userId).getUserSessions().stream()
                .map(UserSessionRepresentation::getId).toList();
        assertEquals(1, before.size());

        jit.claimJson("[\"dev\"]");
        jit.loginOk("sara");

        List<String> after = jit.brokerRealm().users().get(userId).getUserSessions().stream()
                .map(UserSessionRepresentation::getId).toList();
        assertEquals(1, after.size(), "only the new login's session is left");
        assertNotEquals(before.get(0), after.get(0));
        assertEquals(Set.of(ROOT + "/dev"), jit.brokerGroupsOf("sara"));
    }

    @Test
    void onlyTheExplicitRoleMappingGrantsRolesAndNeverAnAdministrativeOne(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        RoleRepresentation role = new RoleRepresentation();
        role.setName("operator");
        jit.brokerRealm().roles().create(role);
        IdentityProviderMapperRepresentation admin = JitFixture.mapper("jit-external-groups", "admin roles",
                Map.of("syncMode", "INHERIT", "root.group", ROOT, "group.roles", "ops=realm-management.realm-admin"));
        admin.setIdentityProviderAlias(jit.idpAlias);
        try (Response response = jit.brokerRealm().identityProviders().get(jit.idpAlias).addMapper(admin)) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertTrue(body.contains("role 'realm-management.realm-admin' is administrative"), body);
        }

        jit.claimJson("[\"ops\", \"dev\"]");
        jit.groupsMapper(Map.of("group.roles", "ops=operator"));
        jit.upstreamUser("ria");
        jit.loginOk("ria");

        assertEquals(List.of("operator"), jit.brokerRealm().groups().group(jit.brokerGroupAt(ROOT + "/ops").getId()).roles()
                .realmLevel().listAll().stream().map(RoleRepresentation::getName).toList());
        assertEquals(List.of(), jit.brokerRealm().groups().group(jit.brokerGroupAt(ROOT + "/dev").getId()).roles()
                .realmLevel().listAll());
    }

    @Test
    void oneMapperMapsTheWholeClaimWithPrefixStrippingLowerCasingAndFilters(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"app-CRM\", \"app-Billing\", \"APP-crm\", \"other-x\"]");
        jit.groupsMapper(Map.of("strip.prefix", "app-", "lower.case", "true", "exclude.regex", "other-.*"));
        jit.upstreamUser("lena");

        jit.loginOk("lena");

        assertEquals(Set.of(ROOT + "/crm", ROOT + "/billing", ROOT + "/app-crm"), jit.brokerGroupsOf("lena"),
                "the prefix is case-sensitive and stripped before lower-casing");
    }

    @Test
    void inEscapeModeHostileNamesBecomeConfinedLeavesAndAFloodIsCapped(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        String hostile = "\"../x\", \"a/b\", \"~admin\", \"..\", \"Admins\", \"admins\", \"caf\\u00e9\", \"cafe\\u0301\","
                + " \"ok\\u0000nul\", \"a%2Fb\", \"\\u202eevil\"";
        jit.claimJsonInIdTokenOnly("[" + hostile + IntStream.range(0, 10_000).mapToObj(i -> ", \"flood-" + i + "\"")
                .collect(Collectors.joining()) + "]");
        jit.groupsMapper(Map.of("unsafe.names", "escape", "lower.case", "true", "max.groups", "50", "max.groups.created", "20"));
        jit.upstreamUser("mallet");

        jit.loginOk("mallet");

        // lower-cased first, then escaped: the literal "a%2Fb" becomes "a%2fb", its "%" escaped
        Set<String> escaped = Set.of("..%2Fx", "a%2Fb", "%7Eadmin", "%2E%2E", "admins", "caf\u00e9", "ok%00nul", "a%252fb",
                "%E2%80%AEevil");
        Set<String> expected = new HashSet<>(escaped);
        IntStream.range(0, 20 - escaped.size()).forEach(i -> expected.add("flood-" + i));
        assertEquals(expected, jit.subGroupNames(ROOT), "one leaf per distinct name, look-alikes merged, 20 groups at most");
        assertEquals(expected.stream().map(name -> ROOT + "/" + name).collect(Collectors.toSet()), jit.brokerGroupsOf("mallet"));
        assertEquals(List.of("external"), jit.brokerRealm().groups().groups().stream().map(GroupRepresentation::getName).toList());
        assertEquals(Set.of("upstream"), jit.subGroupNames("/external"));
        for (String name : escaped) {
            String id = jit.brokerGroupAt(ROOT + "/" + name).getId();
            assertEquals(0, jit.brokerRealm().groups().group(id).getSubGroups(0, 10, true).size(), name + " is a leaf");
            assertEquals(List.of(), jit.brokerRealm().groups().group(id).roles().realmLevel().listAll(), name + " grants no role");
        }
        String realmManagement = jit.brokerRealm().clients().findByClientId("realm-management").get(0).getId();
        assertEquals(List.of(), jit.brokerUserResource("mallet").roles().clientLevel(realmManagement).listEffective(),
                "no administrative role reached the user");
    }
}

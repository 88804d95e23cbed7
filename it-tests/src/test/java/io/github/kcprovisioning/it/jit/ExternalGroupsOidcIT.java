package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jit-external-groups} through a real upstream Keycloak realm acting as OIDC identity provider. */
@KeycloakIntegrationTest
class ExternalGroupsOidcIT {

    @Test
    void firstLoginCreatesUserAndGroupsAndTheNextLoginFollowsUpstreamChanges(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        String alice = jit.upstreamUser("alice");
        jit.joinUpstream(alice, "/dev");
        jit.joinUpstream(alice, "/ops");

        jit.loginOk("alice");
        assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("alice"));

        jit.leaveUpstream(alice, "/ops");
        jit.joinUpstream(alice, "/qa");
        jit.loginOk("alice");
        assertEquals(Set.of(ROOT + "/dev", ROOT + "/qa"), jit.brokerGroupsOf("alice"));
    }

    @Test
    void aNestedPathBuildsTheChainAndTheUserIsMemberOfTheLeaf(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        jit.joinUpstream(jit.upstreamUser("nina"), "/eng/backend/payments");

        jit.loginOk("nina");

        assertEquals(Set.of(ROOT + "/eng/backend/payments"), jit.brokerGroupsOf("nina"));
        assertEquals(Set.of("backend"), jit.subGroupNames(ROOT + "/eng"));
        assertEquals(Set.of("payments"), jit.subGroupNames(ROOT + "/eng/backend"));
    }

    @Test
    void aParentClaimBuildsTheHierarchyForFlatGroupsAndALoopIsSkipped(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"backend\", \"eng\", \"sales\", \"loop1\"]");
        jit.extraClaim("group_parents", "{\"backend\": \"eng\", \"eng\": \"corp\", \"loop1\": \"loop2\", \"loop2\": \"loop1\"}");
        jit.groupsMapper(Map.of("parent.claim", "group_parents"));
        jit.upstreamUser("paula");

        jit.loginOk("paula");

        assertEquals(Set.of(ROOT + "/corp/eng/backend", ROOT + "/corp/eng", ROOT + "/sales"), jit.brokerGroupsOf("paula"));
        assertEquals(Set.of("corp", "sales"), jit.subGroupNames(ROOT), "the looping group is not created, not even flat");
        assertEquals(Set.of("eng"), jit.subGroupNames(ROOT + "/corp"));
    }

    @Test
    void ancestorsCanBeExplicitMembershipsToo(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path", "member.of.ancestors", "true"));
        jit.joinUpstream(jit.upstreamUser("olga"), "/eng/backend");

        jit.loginOk("olga");

        assertEquals(Set.of(ROOT + "/eng", ROOT + "/eng/backend"), jit.brokerGroupsOf("olga"));
    }

    @Test
    void aRenameUpstreamRenamesTheGroupInPlaceKeepingIdRolesMembersAndSubGroups(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[{\"id\":\"0f8e-eng\",\"name\":\"Engineering\"}]");
        jit.groupsMapper(Map.of());
        jit.upstreamUser("rita");
        jit.loginOk("rita");
        GroupRepresentation before = jit.brokerGroupAt(ROOT + "/Engineering");
        assertNotNull(before, "group created from the object's display name");
        RoleRepresentation role = new RoleRepresentation();
        role.setName("engineer");
        jit.brokerRealm().roles().create(role);
        jit.brokerRealm().groups().group(before.getId()).roles().realmLevel()
                .add(List.of(jit.brokerRealm().roles().get("engineer").toRepresentation()));
        String child = jit.brokerGroup(ROOT + "/Engineering/on-call");

        jit.claimJson("[{\"id\":\"0f8e-eng\",\"name\":\"Platform Engineering\"}]");
        jit.loginOk("rita");

        assertNull(jit.brokerGroupAt(ROOT + "/Engineering"));
        GroupRepresentation after = jit.brokerGroupAt(ROOT + "/Platform Engineering");
        assertNotNull(after);
        assertEquals(before.getId(), after.getId());
        assertEquals(List.of("engineer"), jit.brokerRealm().groups().group(after.getId()).roles().realmLevel().listAll()
                .stream().map(RoleRepresentation::getName).toList());
        assertEquals(child, jit.brokerGroupAt(ROOT + "/Platform Engineering/on-call").getId());
        assertEquals(Set.of(ROOT + "/Platform Engineering"), jit.brokerGroupsOf("rita"));
    }

    @Test
    void withoutStableIdsADeclaredFormerNameRenamesInPlaceAndAnUndeclaredOneIsANewGroup(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"infra\", \"web\"]");
        jit.groupsMapper(Map.of("former.names", "platform=infra"));
        jit.upstreamUser("ivan");
        jit.loginOk("ivan");
        String infra = jit.brokerGroupAt(ROOT + "/infra").getId();
        String web = jit.brokerGroupAt(ROOT + "/web").getId();

        jit.claimJson("[\"platform\", \"frontend\"]");
        jit.loginOk("ivan");

        assertEquals(infra, jit.brokerGroupAt(ROOT + "/platform").getId(), "declared rename: same group");
        assertNotNull(jit.brokerGroupAt(ROOT + "/web"), "undeclared rename: the old group stays");
        assertEquals(web, jit.brokerGroupAt(ROOT + "/web").getId());
        assertEquals(Set.of(ROOT + "/platform", ROOT + "/frontend"), jit.brokerGroupsOf("ivan"));
    }

    @Test
    void removalUpstreamRemovesOnlyJitMembershipsAndManualOnesSurvive(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        String max = jit.upstreamUser("max");
        jit.joinUpstream(max, "/dev");
        jit.joinUpstream(max, "/ops");
        jit.loginOk("max");
        // an admin adds memberships by hand: one inside the managed tree, one outside
        String manualInTree = jit.brokerGroup(ROOT + "/hand-picked");
        String outside = jit.brokerGroup("/staff");
        jit.brokerUserResource("max").joinGroup(manualInTree);
        jit.brokerUserResource("max").joinGroup(outside);

        // (Keycloak omits an empty groups claim, and a missing claim keeps memberships: keep one group upstream)
        jit.joinUpstream(max, "/qa");
        jit.leaveUpstream(max, "/dev");
        jit.leaveUpstream(max, "/ops");
        jit.loginOk("max");

        assertEquals(Set.of(ROOT + "/qa", ROOT + "/hand-picked", "/staff"), jit.brokerGroupsOf("max"));
    }

    @Test
    void anAdminExclusionSticksAndAnAdminReAddStays(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        String eve = jit.upstreamUser("eve");
        jit.joinUpstream(eve, "/dev");
        jit.joinUpstream(eve, "/ops");
        jit.loginOk("eve");

        String ops = jit.brokerGroupAt(ROOT + "/ops").getId();
        jit.brokerUserResource("eve").leaveGroup(ops);
        jit.loginOk("eve");
        jit.loginOk("eve");
        assertEquals(Set.of(ROOT + "/dev"), jit.brokerGroupsOf("eve"), "the excluded group is not re-added");

        jit.brokerUserResource("eve").joinGroup(ops);
        jit.leaveUpstream(eve, "/ops");
        jit.loginOk("eve");
        assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("eve"),
                "a membership re-added by an admin is manual and stays although upstream dropped it");
    }

    @Test
    void hostileGroupNamesStayConfinedToTheManagedRoot(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        String longName = "x".repeat(300);
        jit.claimJson("[\"../admins\", \"..\", \".\", \"/\", \"a/b\", \"/etc\", \"ok\\u0000nul\", \"line\\nbreak\","
                + " \"\\u202eevil\", \"" + longName + "\", \"\", \"   \", {\"name\":\"no id\"}, 7, \"Admins\", \"admins\", \"good\"]");
        jit.groupsMapper(Map.of("lower.case", "true"));
        jit.upstreamUser("mallory");

        jit.loginOk("mallory");

        assertEquals(Set.of(ROOT + "/admins", ROOT + "/good"), jit.brokerGroupsOf("mallory"));
        assertEquals(Set.of("admins", "good"), jit.subGroupNames(ROOT));
        assertEquals(List.of("external"), jit.brokerRealm().groups().groups().stream().map(GroupRepresentation::getName).toList());
        assertEquals(Set.of("upstream"), jit.subGroupNames("/external"));
    }

    @Test
    void hostilePathsStayConfinedToTheManagedRoot(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"/../../admins\", \"/a/../b\", \"/a/./b\", \"//x\", \"/a//b\", \"/a/\", \"/ok/fine\"]");
        jit.groupsMapper(Map.of("groups.format", "path"));
        jit.upstreamUser("trudy");

        jit.loginOk("trudy");

        assertEquals(Set.of(ROOT + "/ok/fine"), jit.brokerGroupsOf("trudy"));
        assertEquals(Set.of("ok"), jit.subGroupNames(ROOT));
        assertEquals(List.of("external"), jit.brokerRealm().groups().groups().stream().map(GroupRepresentation::getName).toList());
    }

    @Test
    void theGateDeniesLoginWithTheThemedErrorPageAndCreatesNothing(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path", "gate.groups", "/staff##/contractors"));
        String carl = jit.upstreamUser("carl");
        jit.joinUpstream(carl, "/dev");

        LoginResult denied = jit.login("carl");

        assertFalse(denied.succeeded());
        assertEquals(403, denied.finalPage().status());
        assertTrue(denied.errorMessage().orElse("").contains("You are not a member of any group that is allowed to sign in"),
                () -> "page: " + denied.page().text());
        assertNull(jit.brokerUser("carl"), "no user is created for a refused login");
        assertNull(jit.brokerGroupAt("/external"), "no group is created for a refused login");

        jit.joinUpstream(carl, "/contractors");
        jit.loginOk("carl");
        assertEquals(Set.of(ROOT + "/dev", ROOT + "/contractors"), jit.brokerGroupsOf("carl"));
    }

    @Test
    void concurrentFirstLoginsWithTheSameNewGroupCreateItOnce(KeycloakServer server) throws Exception {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        List<String> users = List.of("racer1", "racer2", "racer3", "racer4");
        for (String user : users) {
            jit.joinUpstream(jit.upstreamUser(user), "/brand-new/team");
        }

        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<LoginResult>> logins = new ArrayList<>();
            for (String user : users) {
                logins.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return jit.login(user);
                }, pool));
            }
            start.countDown();
            for (int i = 0; i < users.size(); i++) {
                LoginResult result = logins.get(i).get();
                String user = users.get(i);
                assertTrue(result.succeeded(), () -> user + ": " + result.errorMessage().orElse(result.page().text()));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(Set.of("brand-new"), jit.subGroupNames(ROOT));
        assertEquals(Set.of("team"), jit.subGroupNames(ROOT + "/brand-new"));
        String team = jit.brokerGroupAt(ROOT + "/brand-new/team").getId();
        assertEquals(users.size(), jit.brokerRealm().groups().group(team).members().size());
    }

    @Test
    void groupsThatGrantAdminRolesAreNeverJoined(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"ops\", \"dev\"]");
        jit.groupsMapper(Map.of());
        String ops = jit.brokerGroup(ROOT + "/ops");
        String realmManagement = jit.brokerRealm().clients().findByClientId("realm-management").get(0).getId();
        jit.brokerRealm().groups().group(ops).roles().clientLevel(realmManagement)
                .add(List.of(jit.brokerRealm().clients().get(realmManagement).roles().get("manage-users").toRepresentation()));
        jit.upstreamUser("pete");

        jit.loginOk("pete");

        assertEquals(Set.of(ROOT + "/dev"), jit.brokerGroupsOf("pete"));
        assertTrue(jit.brokerRealm().groups().group(jit.brokerGroupAt(ROOT + "/dev").getId()).roles().getAll()
                .getClientMappings() == null, "JIT-created groups get no role mappings");
    }

    @Test
    void aMissingClaimKeepsMembershipsAndAnEmptyListRemovesThem(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"dev\"]");
        jit.groupsMapper(Map.of());
        jit.upstreamUser("mia");
        jit.loginOk("mia");
        assertEquals(Set.of(ROOT + "/dev"), jit.brokerGroupsOf("mia"));

        jit.removeClaim();
        jit.loginOk("mia");
        assertEquals(Set.of(ROOT + "/dev"), jit.brokerGroupsOf("mia"), "an absent claim is not an empty list");

        jit.claimJson("[]");
        jit.loginOk("mia");
        assertEquals(Set.of(), jit.brokerGroupsOf("mia"), "an explicitly empty list removes JIT memberships");
    }

    @Test
    void aMissingClaimCanRefuseTheLogin(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.groupsMapper(Map.of("missing.claim", "deny"));
        jit.upstreamUser("noah");

        LoginResult denied = jit.login("noah");

        assertFalse(denied.succeeded());
        assertTrue(denied.errorMessage().orElse("").contains("did not send your group memberships"),
                () -> "page: " + denied.page().text());
        assertNull(jit.brokerUser("noah"));
    }

    @Test
    void includeExcludeAndMaxGroupsLimitWhatIsProvisioned(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimJson("[\"app-a\", \"app-b-test\", \"other\", \"app-c\", \"app-d\"]");
        jit.groupsMapper(Map.of("include.regex", "app-.*", "exclude.regex", ".*-test", "max.groups", "2"));
        jit.upstreamUser("fred");

        jit.loginOk("fred");

        assertEquals(Set.of(ROOT + "/app-a", ROOT + "/app-c"), jit.brokerGroupsOf("fred"));
        assertEquals(Set.of("app-a", "app-c"), jit.subGroupNames(ROOT));
    }
}

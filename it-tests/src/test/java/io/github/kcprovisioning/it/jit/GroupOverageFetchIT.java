package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: on Entra ID group overage the mapper fetches the full list from the advertised endpoint (a local stand-in for
 * Microsoft Graph here), with the upstream access token, following pages; and falls back to keep/deny when it cannot.
 */
@KeycloakIntegrationTest
class GroupOverageFetchIT {

    private static final String MEMBER_OBJECTS = "/v1.0/users/oid-1/getMemberObjects";

    /** The upstream stops sending "groups" and points to {@code endpoint} instead, as Entra ID does on overage. */
    private static void overageTo(JitFixture jit, String endpoint) {
        jit.removeClaim();
        jit.extraClaim("_claim_names", "{\"groups\": \"src1\"}");
        jit.extraClaim("_claim_sources", "{\"src1\": {\"endpoint\": \"" + endpoint + "\"}}");
    }

    @Test
    void theFullListIsFetchedPageByPageWithTheUpstreamAccessToken(KeycloakServer server) throws Exception {
        try (FakeGraph graph = new FakeGraph()) {
            graph.page(MEMBER_OBJECTS, "{\"value\": [\"dev\", \"sales\", \"../admins\"], \"@odata.nextLink\": \""
                    + graph.origin() + "/page2\"}");
            graph.page("/page2", "{\"value\": [{\"@odata.type\": \"#microsoft.graph.group\", \"id\": \"g-fin\","
                    + " \"displayName\": \"Finance\"}, {\"@odata.type\": \"#microsoft.graph.directoryRole\", \"id\": \"r-1\","
                    + " \"displayName\": \"Global Administrator\"}]}");
            JitFixture jit = JitFixture.oidc(server);
            jit.claimJson("[\"dev\", \"ops\"]");
            jit.groupsMapper(Map.of("overage.fetch", "true", "overage.fetch.hosts", graph.origin()));
            jit.upstreamUser("frida");
            jit.loginOk("frida");
            assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("frida"));
            assertEquals(List.of(), graph.calls(), "no overage, no fetch");

            overageTo(jit, graph.origin() + MEMBER_OBJECTS);
            jit.loginOk("frida");

            assertEquals(Set.of(ROOT + "/dev", ROOT + "/sales", ROOT + "/Finance"), jit.brokerGroupsOf("frida"),
                    "the fetched list is the user's groups: ops left; directory roles and unsafe names are not groups");
            List<FakeGraph.Call> calls = graph.calls();
            assertEquals(List.of("POST " + MEMBER_OBJECTS, "GET /page2"),
                    calls.stream().map(c -> c.method() + " " + c.path()).toList());
            String token = calls.get(0).authorization();
            assertTrue(token.startsWith("Bearer ey") && token.split("\\.").length == 3, token);
            assertEquals(token, calls.get(1).authorization());
        }
    }

    @Test
    void aFirstLoginWithHasGroupsUsesTheFixedEndpoint(KeycloakServer server) throws Exception {
        try (FakeGraph graph = new FakeGraph()) {
            graph.page("/v1.0/me/memberOf", "{\"value\": [{\"@odata.type\": \"#microsoft.graph.group\", \"id\": \"g-1\","
                    + " \"displayName\": \"Engineering\"}]}");
            JitFixture jit = JitFixture.oidc(server);
            jit.extraClaim("hasgroups", "true");
            jit.groupsMapper(Map.of("overage.fetch", "true", "overage.fetch.hosts", graph.origin(),
                    "overage.fetch.endpoint", graph.origin() + "/v1.0/me/memberOf"));
            jit.upstreamUser("henrik");

            jit.loginOk("henrik");

            assertEquals(Set.of(ROOT + "/Engineering"), jit.brokerGroupsOf("henrik"),
                    "the list fetched before the user existed is applied when the user is created");
            assertEquals(List.of("g-1"), jit.brokerGroupAt(ROOT + "/Engineering").getAttributes().get("kcprov.external-id"),
                    "the Graph object id is the group's external id");
            assertEquals(List.of("GET /v1.0/me/memberOf"), graph.calls().stream().map(c -> c.method() + " " + c.path()).toList());
        }
    }

    @Test
    void aSlowPageTimesOutAndTheMembershipsStayAsTheyWere(KeycloakServer server) throws Exception {
        try (FakeGraph graph = new FakeGraph()) {
            graph.page(MEMBER_OBJECTS, "{\"value\": [\"dev\"], \"@odata.nextLink\": \"" + graph.origin() + "/slow\"}");
            graph.slowPage("/slow", "{\"value\": []}", 4_000);
            JitFixture jit = JitFixture.oidc(server);
            jit.claimJson("[\"dev\", \"ops\"]");
            jit.groupsMapper(Map.of("overage.fetch", "true", "overage.fetch.hosts", graph.origin(),
                    "overage.fetch.timeout.ms", "1000"));
            jit.upstreamUser("tim");
            jit.loginOk("tim");

            overageTo(jit, graph.origin() + MEMBER_OBJECTS);
            jit.loginOk("tim");

            assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("tim"), "half a list removes nothing");
            assertTrue(Files.readString(server.logFile()).contains("group overage for 'tim': fetching the full group list"
                    + " failed: timed out (limit 1000 ms)"));
        }
    }

    @Test
    void hostsOffTheAllowListAreNeverCalled(KeycloakServer server) throws Exception {
        try (FakeGraph graph = new FakeGraph()) {
            graph.page(MEMBER_OBJECTS, "{\"value\": [\"dev\"]}");
            JitFixture jit = JitFixture.oidc(server);
            jit.claimJson("[\"dev\", \"ops\"]");
            jit.groupsMapper(Map.of("overage.fetch", "true")); // default allow-list: graph.microsoft.com only
            jit.upstreamUser("sam");
            jit.loginOk("sam");

            overageTo(jit, graph.origin() + MEMBER_OBJECTS);
            jit.loginOk("sam");

            assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("sam"));
            assertEquals(List.of(), graph.calls(), "a URL from the token is not called unless its host is allowed");
            assertTrue(Files.readString(server.logFile()).contains("group overage for 'sam': fetching the full group list failed:"
                    + " host of " + graph.origin() + " is not on the allowed hosts list; keeping the JIT memberships unchanged"));
        }
    }

    @Test
    void aNextLinkToAnotherHostFailsTheFetchAndDenyRefusesTheLogin(KeycloakServer server) throws Exception {
        try (FakeGraph graph = new FakeGraph()) {
            String otherHost = graph.origin().replace("127.0.0.1", "localhost");
            graph.page(MEMBER_OBJECTS, "{\"value\": [\"dev\"], \"@odata.nextLink\": \"" + otherHost + "/page2\"}");
            graph.page("/page2", "{\"value\": [\"admins\"]}");
            JitFixture jit = JitFixture.oidc(server);
            jit.groupsMapper(Map.of("overage.fetch", "true", "overage.fetch.hosts", graph.origin(), "overage", "deny"));
            jit.upstreamUser("nina");
            overageTo(jit, graph.origin() + MEMBER_OBJECTS);

            LoginResult denied = jit.login("nina");

            assertFalse(denied.succeeded());
            assertEquals(403, denied.finalPage().status());
            assertTrue(denied.errorMessage().orElse("").contains("did not send your group memberships"),
                    () -> "page: " + denied.page().text());
            assertEquals(List.of("POST " + MEMBER_OBJECTS), graph.calls().stream().map(c -> c.method() + " " + c.path()).toList());
            assertEquals(null, jit.brokerUser("nina"), "a refused first login creates no user");
        }
    }
}

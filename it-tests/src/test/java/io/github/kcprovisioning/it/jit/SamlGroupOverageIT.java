package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;

import java.nio.file.Files;
import java.util.Map;
import java.util.Set;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, SAML: on group overage Entra ID leaves the groups attribute out of the assertion and sends a
 * {@code http://schemas.microsoft.com/claims/groups.link} attribute (a Graph URL) instead. A real upstream realm plays Entra
 * here (hardcoded attribute mappers). The mapper keeps the memberships or refuses the login, per {@code overage}; fetching the
 * list needs the login's access token, which SAML does not have, so {@code overage.fetch} is refused for a SAML IdP on save.
 */
@KeycloakIntegrationTest
class SamlGroupOverageIT {

    private static final String GROUPS_LINK = "http://schemas.microsoft.com/claims/groups.link";
    private static final String GRAPH_LINK = "https://graph.windows.net/tenant-1/users/oid-1/getMemberObjects";

    /** The upstream stops sending "groups" and sends the overage link instead, as Entra ID does. */
    private static void overage(JitFixture jit) {
        jit.samlGroupsAttributeValues();
        jit.samlExtraAttribute(GROUPS_LINK, GRAPH_LINK);
    }

    @Test
    void keepLeavesTheJitMembershipsAndLogsAWarningEvenWhereAMissingClaimWouldBeRefused(KeycloakServer server) throws Exception {
        JitFixture jit = JitFixture.saml(server);
        jit.samlGroupsAttributeValues("dev", "ops");
        jit.groupsMapper(Map.of("overage", "keep", "missing.claim", "deny"));
        jit.upstreamUser("olga");
        jit.loginOk("olga");
        assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("olga"));

        overage(jit);
        jit.loginOk("olga");

        assertEquals(Set.of(ROOT + "/dev", ROOT + "/ops"), jit.brokerGroupsOf("olga"), "an overage is not an empty list");
        assertTrue(Files.readString(server.logFile()).contains("JIT " + jit.idpAlias + ": group overage: the IdP sent a link"
                + " instead of claim 'groups' for user 'olga' (too many groups); keeping the JIT memberships unchanged"));
    }

    @Test
    void denyRefusesWithTheThemedPageAndChangesNothing(KeycloakServer server) throws Exception {
        JitFixture jit = JitFixture.saml(server);
        jit.samlGroupsAttributeValues("dev");
        jit.groupsMapper(Map.of("overage", "deny"));
        jit.upstreamUser("dora");
        jit.loginOk("dora");
        jit.upstreamUser("dan");

        overage(jit);
        LoginResult denied = jit.login("dora");
        LoginResult deniedFirst = jit.login("dan");

        for (LoginResult result : new LoginResult[] {denied, deniedFirst}) {
            assertFalse(result.succeeded());
            assertEquals(403, result.finalPage().status());
            assertTrue(result.errorMessage().orElse("").contains("did not send your group memberships"),
                    () -> "page: " + result.page().text());
        }
        assertEquals(Set.of(ROOT + "/dev"), jit.brokerGroupsOf("dora"));
        assertEquals(null, jit.brokerUser("dan"), "a refused first login creates no user");
        assertTrue(Files.readString(server.logFile()).contains("JIT " + jit.idpAlias + ": group overage for 'dora' (the IdP"
                + " sent a link instead of the groups); login refused"));
    }

    @Test
    void fetchOnOverageIsRefusedOnSaveForASamlIdentityProvider(KeycloakServer server) {
        JitFixture jit = JitFixture.saml(server);
        IdentityProviderResource idp = jit.brokerRealm().identityProviders().get(jit.idpAlias);
        IdentityProviderMapperRepresentation fetching = JitFixture.mapper("jit-external-groups", "fetching",
                Map.of("syncMode", "INHERIT", "root.group", ROOT, "overage.fetch", "true"));
        fetching.setIdentityProviderAlias(jit.idpAlias);

        try (Response response = idp.addMapper(fetching)) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertTrue(body.contains("Fetch groups on overage: a SAML login has no access token"), body);
        }
        assertTrue(idp.getMappers().stream().noneMatch(m -> m.getName().equals("fetching")), "the refused mapper is not stored");
    }
}

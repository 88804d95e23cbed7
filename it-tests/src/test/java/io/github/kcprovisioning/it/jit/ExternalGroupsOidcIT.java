package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

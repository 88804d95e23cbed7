package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy;

import java.util.Map;
import java.util.Set;

import static io.github.kcprovisioning.it.jit.JitFixture.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The record of which memberships JIT made must survive an admin editing the user the way the admin console does it
 * (GET the representation, PUT it back), whatever the realm's unmanaged-attribute policy: afterwards the next login still
 * removes only JIT memberships the source dropped and keeps the manual ones.
 */
@KeycloakIntegrationTest
class MembershipLedgerAdminEditIT {

    @Test
    void unmanagedAttributesDisabled(KeycloakServer server) {
        ledgerSurvivesAnAdminEdit(server, null);
    }

    @Test
    void unmanagedAttributesEnabled(KeycloakServer server) {
        ledgerSurvivesAnAdminEdit(server, UnmanagedAttributePolicy.ENABLED);
    }

    @Test
    void unmanagedAttributesAdminEdit(KeycloakServer server) {
        ledgerSurvivesAnAdminEdit(server, UnmanagedAttributePolicy.ADMIN_EDIT);
    }

    @Test
    void unmanagedAttributesAdminView(KeycloakServer server) {
        ledgerSurvivesAnAdminEdit(server, UnmanagedAttributePolicy.ADMIN_VIEW);
    }

    private static void ledgerSurvivesAnAdminEdit(KeycloakServer server, UnmanagedAttributePolicy policy) {
        JitFixture jit = JitFixture.oidc(server);
        jit.changeBrokerProfile(config -> config.setUnmanagedAttributePolicy(policy));
        jit.claimUpstreamGroupPaths();
        jit.groupsMapper(Map.of("groups.format", "path"));
        String upstreamId = jit.upstreamUser("lena");
        jit.joinUpstream(upstreamId, "/dev");
        jit.joinUpstream(upstreamId, "/ops");
        jit.loginOk("lena");
        jit.brokerUserResource("lena").joinGroup(jit.brokerGroup(ROOT + "/hand-picked"));

        UserResource user = jit.brokerUserResource("lena");
        UserRepresentation edited = user.toRepresentation();
        edited.setFirstName("Edited by an admin");
        user.update(edited);

        jit.leaveUpstream(upstreamId, "/ops");
        jit.loginOk("lena");

        assertEquals(Set.of(ROOT + "/dev", ROOT + "/hand-picked"), jit.brokerGroupsOf("lena"),
                "policy " + policy + ": the JIT membership the source dropped is removed, the manual one stays");
    }
}

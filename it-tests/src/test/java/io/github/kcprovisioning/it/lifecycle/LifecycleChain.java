package io.github.kcprovisioning.it.lifecycle;

import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.jit.JitFixture;
import io.github.kcprovisioning.it.scim.ScimFixture;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The three realms and their wiring; fresh for every test. */
record LifecycleChain(KeycloakServer server, JitFixture jit, ScimFixture scimIn, ScimFixture downstream, String targetId) {

    static LifecycleChain create(KeycloakServer server) {
        return create(server, Map.of());
    }

    /** {@code groupsMapper}: options of the {@code jit-external-groups} mapper on top of the path format. */
    static LifecycleChain create(KeycloakServer server, Map<String, String> groupsMapper) {
        JitFixture jit = JitFixture.oidc(server);
        jit.claimUpstreamGroupPaths();
        Map<String, String> config = new HashMap<>(groupsMapper);
        config.put("groups.format", "path");
        jit.groupsMapper(config);
        ScimFixture scimIn = ScimFixture.inRealm(server, jit.brokerRealmName);
        ScimFixture downstream = ScimFixture.create(server);
        String targetId = SyncFixtures.addScimTarget(server, jit.brokerRealmName, downstream.scimUrl(), Map.of(
                "authType", "OAUTH2_CLIENT_CREDENTIALS",
                "tokenUrl", server.realmUrl(downstream.realm()) + "/protocol/openid-connect/token",
                "clientId", downstream.clientId(),
                "clientSecret", ScimFixture.SECRET,
                "deprovision", "DEACTIVATE"));
        return new LifecycleChain(server, jit, scimIn, downstream, targetId);
    }

    /** The target's copy of a user (by exact userName), or null. */
    UserRepresentation downstreamUser(String username) {
        List<UserRepresentation> found = downstream.realmResource().users().searchByUsername(username, true);
        return found.isEmpty() ? null : found.get(0);
    }

    Set<String> downstreamGroupsOf(String username) {
        UserRepresentation user = downstreamUser(username);
        if (user == null) {
            return Set.of();
        }
        return downstream.realmResource().users().get(user.getId()).groups().stream().map(GroupRepresentation::getPath)
                .collect(Collectors.toSet());
    }
}

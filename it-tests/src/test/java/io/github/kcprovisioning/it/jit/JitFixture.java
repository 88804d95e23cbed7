package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker realm whose upstream realm puts groups into its tokens, plus the JIT mapper under test. Upstream group claims
 * come either from real upstream group memberships ({@link #claimUpstreamGroupPaths()}) or from a hardcoded JSON claim
 * ({@link #claimJson}) for shapes Keycloak does not emit itself (id + name objects, hostile names).
 */
final class JitFixture {

    static final String ROOT = "/external/upstream";
    static final String CLAIM_MAPPER = "jit-groups-claim";

    final KeycloakServer server;
    final BrokerFixture broker;

    private JitFixture(KeycloakServer server, BrokerFixture broker) {
        this.server = server;
        this.broker = broker;
    }

    static JitFixture oidc(KeycloakServer server) {
        return new JitFixture(server, BrokerFixture.oidc(server));
    }

    RealmResource upstream() {
        return broker.upstreamRealmResource();
    }

    RealmResource brokerRealm() {
        return broker.brokerRealmResource();
    }

    /** Upstream: the user's group memberships as full paths in claim "groups" (ID token, access token, userinfo). */
    void claimUpstreamGroupPaths() {
        addUpstreamProtocolMapper("oidc-group-membership-mapper", Map.of("full.path", "true"));
    }

    /** Upstream: claim "groups" with a fixed JSON value (the same for every user); replaces a previous one. */
    void claimJson(String json) {
        removeClaim();
        addUpstreamProtocolMapper("oidc-hardcoded-claim-mapper", Map.of("claim.value", json, "jsonType.label", "JSON"));
    }

    /** Upstream: stop sending the "groups" claim at all. */
    void removeClaim() {
        ProtocolMappersResource mappers = upstream().clients().get(broker.upstreamClientUuid()).getProtocolMappers();
        mappers.getMappers().stream().filter(m -> m.getName().equals(CLAIM_MAPPER))
                .forEach(m -> mappers.delete(m.getId()));
    }

    private void addUpstreamProtocolMapper(String type, Map<String, String> specific) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(CLAIM_MAPPER);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        Map<String, String> config = new HashMap<>(Map.of("claim.name", "groups", "id.token.claim", "true",
                "access.token.claim", "true", "userinfo.token.claim", "true"));
        config.putAll(specific);
        mapper.setConfig(config);
        try (Response response = upstream().clients().get(broker.upstreamClientUuid()).getProtocolMappers().createMapper(mapper)) {
            assertTrue(response.getStatus() == 201, "upstream protocol mapper: HTTP " + response.getStatus());
        }
    }

    /** Adds a {@code jit-external-groups} mapper with the managed root {@link #ROOT} plus {@code config}. */
    void groupsMapper(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(Map.of("syncMode", "INHERIT", "root.group", ROOT));
        all.putAll(config);
        broker.addMapper(mapper("jit-external-groups", "external groups", all));
    }

    static IdentityProviderMapperRepresentation mapper(String type, String name, Map<String, String> config) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName(name);
        mapper.setIdentityProviderMapper(type);
        mapper.setConfig(new HashMap<>(config));
        return mapper;
    }

    String upstreamUser(String username) {
        return broker.createUpstreamUser(username, username + "-pw", username + "@example.org", "First" + username, "Last" + username);
    }

    LoginResult login(String username) {
        LoginResult result = new BrowserSession(server).brokeredLogin(broker, username, username + "-pw");
        return result;
    }

    LoginResult loginOk(String username) {
        LoginResult result = login(username);
        assertTrue(result.succeeded(), () -> "login of " + username + " failed: "
                + result.errorMessage().orElse(result.page().title() + " " + result.page().text()));
        return result;
    }

    /** Creates {@code path} (e.g. /eng/backend) in the upstream realm if missing; returns the leaf's id. */
    String upstreamGroup(String path) {
        return ensureGroup(upstream(), path);
    }

    /** Creates {@code path} in the broker realm if missing; returns the leaf's id. */
    String brokerGroup(String path) {
        return ensureGroup(brokerRealm(), path);
    }

    private static String ensureGroup(RealmResource realm, String path) {
        String parentId = null;
        String currentPath = "";
        for (String segment : path.substring(1).split("/")) {
            currentPath += "/" + segment;
            GroupRepresentation existing = findGroup(realm, currentPath);
            if (existing != null) {
                parentId = existing.getId();
                continue;
            }
            GroupRepresentation group = new GroupRepresentation();
            group.setName(segment);
            try (Response response = parentId == null ? realm.groups().add(group) : realm.groups().group(parentId).subGroup(group)) {
                parentId = CreatedResponseUtil.getCreatedId(response);
            }
        }
        return parentId;
    }

    static GroupRepresentation findGroup(RealmResource realm, String path) {
        try {
            return realm.getGroupByPath(path.substring(1));
        } catch (jakarta.ws.rs.NotFoundException e) {
            return null;
        }
    }

    GroupRepresentation brokerGroupAt(String path) {
        return findGroup(brokerRealm(), path);
    }

    void joinUpstream(String upstreamUserId, String groupPath) {
        upstream().users().get(upstreamUserId).joinGroup(upstreamGroup(groupPath));
    }

    void leaveUpstream(String upstreamUserId, String groupPath) {
        upstream().users().get(upstreamUserId).leaveGroup(upstreamGroup(groupPath));
    }

    UserRepresentation brokerUser(String username) {
        List<UserRepresentation> users = brokerRealm().users().searchByUsername(username, true);
        return users.isEmpty() ? null : users.get(0);
    }

    UserResource brokerUserResource(String username) {
        return brokerRealm().users().get(brokerUser(username).getId());
    }

    /** Paths of the broker user's direct group memberships. */
    Set<String> brokerGroupsOf(String username) {
        return brokerUserResource(username).groups(0, 1000, false).stream().map(GroupRepresentation::getPath)
                .collect(Collectors.toSet());
    }

    /** Names of the direct sub-groups of the broker group at {@code path}. */
    Set<String> subGroupNames(String path) {
        GroupRepresentation group = brokerGroupAt(path);
        return brokerRealm().groups().group(group.getId()).getSubGroups(0, 1000, false).stream()
                .map(GroupRepresentation::getName).collect(Collectors.toSet());
    }
}

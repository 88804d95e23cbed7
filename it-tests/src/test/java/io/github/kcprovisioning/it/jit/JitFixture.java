package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.ProtocolMappersResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A broker realm whose upstream realm puts groups into its tokens, plus the JIT mapper under test. Upstream group claims
 * come either from real upstream group memberships ({@link #claimUpstreamGroupPaths()}) or from a hardcoded JSON claim
 * ({@link #claimJson}) for shapes Keycloak does not emit itself (id + name objects, hostile names).
 */
public final class JitFixture {

    public static final String ROOT = "/external/upstream";
    public static final String CLAIM_MAPPER = "jit-groups-claim";
    private static final String SAML_GROUPS_VALUE = "groups value ";
    /** The public client of the broker realm logins start from (created by both setups). */
    public static final String APP_CLIENT = "it-app";

    public final KeycloakServer server;
    public final String upstreamRealm;
    public final String brokerRealmName;
    public final String idpAlias;
    private final String upstreamClientUuid;
    private final boolean saml;

    private JitFixture(KeycloakServer server, String upstreamRealm, String brokerRealm, String idpAlias, String upstreamClientUuid,
                       boolean saml) {
        this.server = server;
        this.upstreamRealm = upstreamRealm;
        this.brokerRealmName = brokerRealm;
        this.idpAlias = idpAlias;
        this.upstreamClientUuid = upstreamClientUuid;
        this.saml = saml;
    }

    /** Upstream realm as OIDC identity provider (the harness's {@link BrokerFixture}). */
    public static JitFixture oidc(KeycloakServer server) {
        BrokerFixture broker = BrokerFixture.oidc(server);
        return new JitFixture(server, broker.upstreamRealm(), broker.brokerRealm(), broker.idpAlias(), broker.upstreamClientUuid(), false);
    }

    /** Upstream realm as SAML identity provider, see {@link SamlBrokerSetup}. */
    public static JitFixture saml(KeycloakServer server) {
        SamlBrokerSetup setup = SamlBrokerSetup.create(server);
        return new JitFixture(server, setup.upstreamRealm(), setup.brokerRealm(), setup.idpAlias(), setup.upstreamClientUuid(), true);
    }

    public RealmResource upstream() {
        return server.admin().realm(upstreamRealm);
    }

    public RealmResource brokerRealm() {
        return server.admin().realm(brokerRealmName);
    }

    public void addMapper(IdentityProviderMapperRepresentation mapper) {
        addMapperTo(server, brokerRealmName, idpAlias, mapper);
    }

    public static void addMapperTo(KeycloakServer server, String realm, String idpAlias, IdentityProviderMapperRepresentation mapper) {
        mapper.setIdentityProviderAlias(idpAlias);
        try (Response response = server.admin().realm(realm).identityProviders().get(idpAlias).addMapper(mapper)) {
            assertTrue(response.getStatus() == 201, () -> "adding mapper " + mapper.getName() + ": HTTP " + response.getStatus()
                    + " " + response.readEntity(String.class));
        }
    }

    /**
     * Upstream: the user's group memberships as full paths in claim "groups" (OIDC: ID token, access token, userinfo;
     * SAML: attribute Name "groups", FriendlyName "memberOf").
     */
    public void claimUpstreamGroupPaths() {
        if (saml) {
            addUpstreamProtocolMapper("saml-group-membership-mapper", Map.of("attribute.name", "groups",
                    "friendly.name", "memberOf", "attribute.nameformat", "Basic", "full.path", "true", "single", "false"));
        } else {
            addUpstreamProtocolMapper("oidc-group-membership-mapper", Map.of("claim.name", "groups", "full.path", "true"));
        }
    }

    /** Upstream: claim "groups" with a fixed JSON value (the same for every user); replaces a previous one. */
    public void claimJson(String json) {
        removeClaim();
        addUpstreamProtocolMapper("oidc-hardcoded-claim-mapper", Map.of("claim.value", json, "jsonType.label", "JSON"));
    }

    /**
     * Like {@link #claimJson} but only in the ID token: a huge claim in the access token would make the broker's userinfo
     * request exceed HTTP header limits before any mapper runs.
     */
    void claimJsonInIdTokenOnly(String json) {
        removeClaim();
        addUpstreamProtocolMapper("oidc-hardcoded-claim-mapper", Map.of("claim.value", json, "jsonType.label", "JSON",
                "access.token.claim", "false", "userinfo.token.claim", "false"));
    }

    /** Upstream: an extra claim {@code name} with a fixed JSON value (e.g. "\"E-042\"" or an object). */
    public void extraClaim(String name, String json) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("claim-" + name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper("oidc-hardcoded-claim-mapper");
        mapper.setConfig(new HashMap<>(Map.of("claim.name", name, "claim.value", json, "jsonType.label", "JSON",
                "id.token.claim", "true", "access.token.claim", "true", "userinfo.token.claim", "true")));
        try (Response response = upstream().clients().get(upstreamClientUuid).getProtocolMappers().createMapper(mapper)) {
            assertTrue(response.getStatus() == 201, "upstream protocol mapper: HTTP " + response.getStatus());
        }
    }

    /** Broker realm: declares user-profile attributes that admins may edit and users may view. */
    public void declareBrokerAttributes(String... names) {
        changeBrokerProfile(config -> {
            for (String name : names) {
                UPAttribute attribute = new UPAttribute(name, new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin")));
                attribute.setDisplayName(name);
                config.addOrReplaceAttribute(attribute);
            }
        });
    }

    /** Broker realm: makes a declared user-profile attribute read-only (viewable by admins, editable by nobody). */
    public void makeBrokerAttributeReadOnly(String name) {
        changeBrokerProfile(config -> config.getAttribute(name).setPermissions(new UPAttributePermissions(Set.of("admin"), Set.of())));
    }

    /** Broker realm: reads the declarative user profile, lets {@code change} edit it and stores it. */
    public void changeBrokerProfile(Consumer<UPConfig> change) {
        UPConfig config = brokerRealm().users().userProfile().getConfiguration();
        change.accept(config);
        brokerRealm().users().userProfile().update(config);
    }

    /** Adds a {@code jit-user-attributes} mapper with these mappings (JSON) and config. */
    public void attributesMapper(String mappingsJson, Map<String, String> config) {
        Map<String, String> all = new HashMap<>(Map.of("syncMode", "INHERIT", "mappings", mappingsJson));
        all.putAll(config);
        addMapper(mapper("jit-user-attributes", "user attributes", all));
    }

    /** SAML upstream: one "groups" attribute per value, fixed for every user (hardcoded attribute mappers); replaces previous ones. */
    public void samlGroupsAttributeValues(String... values) {
        ProtocolMappersResource mappers = upstream().clients().get(upstreamClientUuid).getProtocolMappers();
        mappers.getMappers().stream().filter(m -> m.getName().startsWith(SAML_GROUPS_VALUE))
                .forEach(m -> mappers.delete(m.getId()));
        for (int i = 0; i < values.length; i++) {
            ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
            mapper.setName(SAML_GROUPS_VALUE + i);
            mapper.setProtocol("saml");
            mapper.setProtocolMapper("saml-hardcode-attribute-mapper");
            mapper.setConfig(new HashMap<>(Map.of("attribute.name", "groups", "attribute.nameformat", "Basic",
                    "attribute.value", values[i])));
            try (Response response = upstream().clients().get(upstreamClientUuid).getProtocolMappers().createMapper(mapper)) {
                assertTrue(response.getStatus() == 201, "upstream protocol mapper: HTTP " + response.getStatus());
            }
        }
    }

    /** SAML upstream: an extra attribute {@code name} with one fixed value for every user (hardcoded attribute mapper). */
    public void samlExtraAttribute(String name, String value) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("attribute-" + name);
        mapper.setProtocol("saml");
        mapper.setProtocolMapper("saml-hardcode-attribute-mapper");
        mapper.setConfig(new HashMap<>(Map.of("attribute.name", name, "attribute.nameformat", "URI Reference",
                "attribute.value", value)));
        try (Response response = upstream().clients().get(upstreamClientUuid).getProtocolMappers().createMapper(mapper)) {
            assertTrue(response.getStatus() == 201, "upstream protocol mapper: HTTP " + response.getStatus());
        }
    }

    /** Upstream: stop sending the "groups" claim at all. */
    public void removeClaim() {
        ProtocolMappersResource mappers = upstream().clients().get(upstreamClientUuid).getProtocolMappers();
        mappers.getMappers().stream().filter(m -> m.getName().equals(CLAIM_MAPPER))
                .forEach(m -> mappers.delete(m.getId()));
    }

    private void addUpstreamProtocolMapper(String type, Map<String, String> specific) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(CLAIM_MAPPER);
        mapper.setProtocol(saml ? "saml" : "openid-connect");
        mapper.setProtocolMapper(type);
        Map<String, String> config = new HashMap<>(saml ? Map.of() : Map.of("claim.name", "groups", "id.token.claim", "true",
                "access.token.claim", "true", "userinfo.token.claim", "true"));
        config.putAll(specific);
        mapper.setConfig(config);
        try (Response response = upstream().clients().get(upstreamClientUuid).getProtocolMappers().createMapper(mapper)) {
            assertTrue(response.getStatus() == 201, "upstream protocol mapper: HTTP " + response.getStatus());
        }
    }

    /** Adds a {@code jit-external-groups} mapper with the managed root {@link #ROOT} plus {@code config}. */
    public void groupsMapper(Map<String, String> config) {
        Map<String, String> all = new HashMap<>(Map.of("syncMode", "INHERIT", "root.group", ROOT));
        all.putAll(config);
        addMapper(mapper("jit-external-groups", "external groups", all));
    }

    public static IdentityProviderMapperRepresentation mapper(String type, String name, Map<String, String> config) {
        IdentityProviderMapperRepresentation mapper = new IdentityProviderMapperRepresentation();
        mapper.setName(name);
        mapper.setIdentityProviderMapper(type);
        mapper.setConfig(new HashMap<>(config));
        return mapper;
    }

    public String upstreamUser(String username) {
        return upstreamUser(username, username + "@example.org", "First" + username, "Last" + username);
    }

    public String upstreamUser(String username, String email, String firstName, String lastName) {
        return RealmFixtures.createUser(upstream(), username, username + "-pw", email, firstName, lastName);
    }

    /** A brokered login in a fresh browser; the password of every upstream user is {@code <username>-pw}. */
    public LoginResult login(String username) {
        BrowserSession browser = new BrowserSession(server);
        LoginResult result = browser.brokeredLogin(brokerRealmName, idpAlias, APP_CLIENT, BrokerFixture.APP_REDIRECT_URI,
                username, username + "-pw");
        return saml ? SamlBrokerSetup.postResponses(browser, result) : result;
    }

    public LoginResult loginOk(String username) {
        LoginResult result = login(username);
        assertTrue(result.succeeded(), () -> "login of " + username + " failed: "
                + result.errorMessage().orElse(result.page().title() + " " + result.page().text()));
        return result;
    }

    /** Creates {@code path} (e.g. /eng/backend) in the upstream realm if missing; returns the leaf's id. */
    public String upstreamGroup(String path) {
        return ensureGroup(upstream(), path);
    }

    /** Creates {@code path} in the broker realm if missing; returns the leaf's id. */
    public String brokerGroup(String path) {
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

    public static GroupRepresentation findGroup(RealmResource realm, String path) {
        try {
            return realm.getGroupByPath(path.substring(1));
        } catch (NotFoundException e) {
            return null;
        }
    }

    public GroupRepresentation brokerGroupAt(String path) {
        return findGroup(brokerRealm(), path);
    }

    public void joinUpstream(String upstreamUserId, String groupPath) {
        upstream().users().get(upstreamUserId).joinGroup(upstreamGroup(groupPath));
    }

    public void leaveUpstream(String upstreamUserId, String groupPath) {
        upstream().users().get(upstreamUserId).leaveGroup(upstreamGroup(groupPath));
    }

    public UserRepresentation brokerUser(String username) {
        List<UserRepresentation> users = brokerRealm().users().searchByUsername(username, true);
        return users.isEmpty() ? null : users.get(0);
    }

    public UserResource brokerUserResource(String username) {
        return brokerRealm().users().get(brokerUser(username).getId());
    }

    /** Paths of the broker user's direct group memberships. */
    public Set<String> brokerGroupsOf(String username) {
        return brokerUserResource(username).groups(0, 1000, false).stream().map(GroupRepresentation::getPath)
                .collect(Collectors.toSet());
    }

    /** Names of the direct sub-groups of the broker group at {@code path}. */
    public Set<String> subGroupNames(String path) {
        GroupRepresentation group = brokerGroupAt(path);
        return brokerRealm().groups().group(group.getId()).getSubGroups(0, 1000, false).stream()
                .map(GroupRepresentation::getName).collect(Collectors.toSet());
    }
}

package io.github.kcprovisioning.it.harness;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;

/**
 * Two realms on the test server: an {@code upstream} realm acting as the external OIDC identity provider, and a
 * {@code broker} realm that brokers it under {@link #idpAlias()}, with a public client {@link #appClientId()} to start logins from.
 */
public final class BrokerFixture {
    public static final String APP_REDIRECT_URI = "http://127.0.0.1/it-callback";
    /** Every realm has a bearer-only client named "broker": the upstream client for the brokering realm needs another name. */
    public static final String UPSTREAM_CLIENT_ID = "downstream-keycloak";

    private final KeycloakServer server;
    private final String upstreamRealm;
    private final String brokerRealm;
    private final String idpAlias;
    private final String upstreamClientUuid;

    private BrokerFixture(KeycloakServer server, String upstreamRealm, String brokerRealm, String idpAlias, String upstreamClientUuid) {
        this.server = server;
        this.upstreamRealm = upstreamRealm;
        this.brokerRealm = brokerRealm;
        this.idpAlias = idpAlias;
        this.upstreamClientUuid = upstreamClientUuid;
    }

    /** Creates the upstream realm with its OIDC client, and the broker realm with a {@code keycloak-oidc} IdP pointing at it. */
    public static BrokerFixture oidc(KeycloakServer server) {
        String upstream = RealmFixtures.createRealm(server, "upstream");
        String broker = RealmFixtures.createRealm(server, "broker");
        String alias = "upstream-oidc";
        String secret = "upstream-secret-" + upstream;

        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(UPSTREAM_CLIENT_ID);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(server.realmUrl(broker) + "/broker/" + alias + "/endpoint*"));
        String clientUuid;
        try (Response response = server.admin().realm(upstream).clients().create(client)) {
            clientUuid = CreatedResponseUtil.getCreatedId(response);
        }

        String issuer = server.realmUrl(upstream);
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setDisplayName("Upstream (OIDC)");
        idp.setProviderId("keycloak-oidc");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setConfig(new java.util.HashMap<>(Map.ofEntries(
                Map.entry("issuer", issuer),
                Map.entry("authorizationUrl", issuer + "/protocol/openid-connect/auth"),
                Map.entry("tokenUrl", issuer + "/protocol/openid-connect/token"),
                Map.entry("userInfoUrl", issuer + "/protocol/openid-connect/userinfo"),
                Map.entry("logoutUrl", issuer + "/protocol/openid-connect/logout"),
                Map.entry("jwksUrl", issuer + "/protocol/openid-connect/certs"),
                Map.entry("useJwksUrl", "true"),
                Map.entry("validateSignature", "true"),
                Map.entry("clientId", UPSTREAM_CLIENT_ID),
                Map.entry("clientSecret", secret),
                Map.entry("clientAuthMethod", "client_secret_post"),
                Map.entry("defaultScope", "openid profile email"),
                Map.entry("syncMode", "FORCE"))));
        server.admin().realm(broker).identityProviders().create(idp).close();
        RealmFixtures.createPublicClient(server.admin().realm(broker), "it-app", APP_REDIRECT_URI);
        return new BrokerFixture(server, upstream, broker, alias, clientUuid);
    }

    public String createUpstreamUser(String username, String password, String email, String firstName, String lastName) {
        return RealmFixtures.createUser(upstreamRealmResource(), username, password, email, firstName, lastName);
    }

    public void addMapper(IdentityProviderMapperRepresentation mapper) {
        mapper.setIdentityProviderAlias(idpAlias);
        try (Response response = brokerRealmResource().identityProviders().get(idpAlias).addMapper(mapper)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Adding mapper " + mapper.getName() + " failed: HTTP " + response.getStatus()
                        + " " + response.readEntity(String.class));
            }
        }
    }

    public KeycloakServer server() {
        return server;
    }

    public String upstreamRealm() {
        return upstreamRealm;
    }

    public String brokerRealm() {
        return brokerRealm;
    }

    public String idpAlias() {
        return idpAlias;
    }

    public String appClientId() {
        return "it-app";
    }

    /** Internal id of the upstream realm's client for the broker (to add protocol mappers, e.g. a groups claim). */
    public String upstreamClientUuid() {
        return upstreamClientUuid;
    }

    public RealmResource upstreamRealmResource() {
        return server.admin().realm(upstreamRealm);
    }

    public RealmResource brokerRealmResource() {
        return server.admin().realm(brokerRealm);
    }
}

package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import io.github.kcprovisioning.it.harness.Page;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An upstream realm acting as SAML 2.0 identity provider for a broker realm: a SAML client in the upstream realm (the
 * broker's SP entity id, POST binding to the broker endpoint) sending e-mail and names as attributes, and a {@code saml}
 * identity provider in the broker realm. Upstream responses are signed; the broker does not check signatures (test only:
 * the point here is the attribute handling, not SAML signature validation). The broker maps e-mail and names with
 * {@code jit-user-attributes}, so the first-login flow runs without a profile-review step.
 */
record SamlBrokerSetup(String upstreamRealm, String brokerRealm, String idpAlias, String upstreamClientUuid) {

    static final String ALIAS = "upstream-saml";

    static SamlBrokerSetup create(KeycloakServer server) {
        String upstream = RealmFixtures.createRealm(server, "upstream-saml");
        String broker = RealmFixtures.createRealm(server, "broker-saml");
        String brokerEndpoint = server.realmUrl(broker) + "/broker/" + ALIAS + "/endpoint";

        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(server.realmUrl(broker)); // the broker's default SP entity id
        client.setProtocol("saml");
        client.setRedirectUris(List.of(brokerEndpoint + "*"));
        client.setAttributes(new HashMap<>(Map.of(
                "saml_assertion_consumer_url_post", brokerEndpoint,
                "saml.client.signature", "false",
                "saml.server.signature", "true",
                "saml.authnstatement", "true",
                "saml_name_id_format", "username",
                "saml_force_name_id_format", "true")));
        String clientUuid;
        try (Response response = server.admin().realm(upstream).clients().create(client)) {
            clientUuid = CreatedResponseUtil.getCreatedId(response);
        }
        for (String property : List.of("email", "firstName", "lastName")) {
            ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
            mapper.setName("attribute " + property);
            mapper.setProtocol("saml");
            mapper.setProtocolMapper("saml-user-property-mapper");
            mapper.setConfig(new HashMap<>(Map.of("user.attribute", property, "attribute.name", property,
                    "attribute.nameformat", "Basic")));
            server.admin().realm(upstream).clients().get(clientUuid).getProtocolMappers().createMapper(mapper).close();
        }

        String idpUrl = server.realmUrl(upstream) + "/protocol/saml";
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(ALIAS);
        idp.setDisplayName("Upstream (SAML)");
        idp.setProviderId("saml");
        idp.setEnabled(true);
        idp.setTrustEmail(true);
        idp.setConfig(new HashMap<>(Map.ofEntries(
                Map.entry("singleSignOnServiceUrl", idpUrl),
                Map.entry("singleLogoutServiceUrl", idpUrl),
                Map.entry("idpEntityId", server.realmUrl(upstream)),
                Map.entry("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"),
                Map.entry("principalType", "SUBJECT"),
                Map.entry("postBindingAuthnRequest", "false"),
                Map.entry("postBindingResponse", "true"),
                Map.entry("validateSignature", "false"),
                Map.entry("wantAssertionsSigned", "false"),
                Map.entry("syncMode", "FORCE"))));
        server.admin().realm(broker).identityProviders().create(idp).close();
        RealmFixtures.createPublicClient(server.admin().realm(broker), JitFixture.APP_CLIENT, BrokerFixture.APP_REDIRECT_URI);

        JitFixture.addMapperTo(server, broker, ALIAS, JitFixture.mapper("jit-user-attributes", "saml profile", Map.of(
                "syncMode", "INHERIT",
                "mappings", "[{\"claim\": \"email\", \"target\": \"email\"}, {\"claim\": \"firstName\", \"target\": \"firstName\"},"
                        + " {\"claim\": \"lastName\", \"target\": \"lastName\"}]")));
        return new SamlBrokerSetup(upstream, broker, ALIAS, clientUuid);
    }

    /**
     * After the upstream login, SAML hands the response to the broker through an auto-submitting HTML form (POST binding);
     * a browser without JavaScript submits it by hand. Returns where the login ended.
     */
    static LoginResult postResponses(BrowserSession browser, LoginResult afterUpstreamLogin) {
        Page page = afterUpstreamLogin.finalPage();
        for (int i = 0; i < 3 && page.leftServerTo().isEmpty() && page.document().selectFirst("input[name=SAMLResponse]") != null; i++) {
            page = browser.submit(page, "form", Map.of());
        }
        return new LoginResult(page, afterUpstreamLogin.redirectUri());
    }
}

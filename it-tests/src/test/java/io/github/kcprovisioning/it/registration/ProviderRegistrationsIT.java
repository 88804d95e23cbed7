package io.github.kcprovisioning.it.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kcprovisioning.it.harness.BrokerFixture;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

/**
 * Each module's provider is installed and does its minimal job on the real distribution, and Keycloak does not warn about
 * any of them. (The SCIM realm resource is proven by {@code ScimDiscoveryIT}: it answers ServiceProviderConfig to an authorized client.)
 */
@KeycloakIntegrationTest
class ProviderRegistrationsIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void jitMappersAreOfferedForOidcAndSamlIdentityProviders(KeycloakServer server) {
        BrokerFixture broker = BrokerFixture.oidc(server);
        Map<String, ?> oidcTypes = broker.brokerRealmResource().identityProviders().get(broker.idpAlias()).getMapperTypes();
        assertTrue(oidcTypes.keySet().containsAll(Set.of("jit-user-attributes", "jit-external-groups")), "OIDC mapper types: " + oidcTypes.keySet());

        String realm = RealmFixtures.createRealm(server, "saml-mappers");
        org.keycloak.representations.idm.IdentityProviderRepresentation saml = new org.keycloak.representations.idm.IdentityProviderRepresentation();
        saml.setAlias("some-saml");
        saml.setProviderId("saml");
        saml.setConfig(new java.util.HashMap<>(Map.of("singleSignOnServiceUrl", "http://127.0.0.1/sso", "idpEntityId", "urn:test")));
        server.admin().realm(realm).identityProviders().create(saml).close();
        Map<String, ?> samlTypes = server.admin().realm(realm).identityProviders().get("some-saml").getMapperTypes();
        assertTrue(samlTypes.keySet().containsAll(Set.of("jit-user-attributes", "jit-external-groups")), "SAML mapper types: " + samlTypes.keySet());
    }

    @Test
    void outboundEventListenerIsSelectableInRealmEventSettings(KeycloakServer server) {
        String realm = RealmFixtures.createRealm(server, "events");
        RealmEventsConfigRepresentation events = server.admin().realm(realm).getRealmEventsConfig();
        List<String> listeners = new java.util.ArrayList<>(events.getEventsListeners());
        listeners.add("provisioning-outbound");
        events.setEventsListeners(listeners);
        server.admin().realm(realm).updateRealmEventsConfig(events);

        assertTrue(server.admin().realm(realm).getRealmEventsConfig().getEventsListeners().contains("provisioning-outbound"));
    }

    /** the declarative admin-console pages (feature declarative-ui): outbound targets and the SCIM endpoint settings */
    @Test
    void adminConsolePagesAreRegistered(KeycloakServer server) {
        List<String> pages = server.admin().serverInfo().getInfo().getComponentTypes()
                .get("org.keycloak.services.ui.extend.UiPageProvider").stream().map(type -> type.getId()).toList();
        assertTrue(pages.containsAll(List.of("scim-target", "scim-endpoint-settings")), "pages: " + pages);
    }

    @Test
    void themeMessagesAreServedToLoginPagesAndTheAdminConsole(KeycloakServer server) throws Exception {
        for (String themeType : List.of("login", "admin")) {
            HttpResponse<String> response = get(server.baseUrl() + "/resources/master/" + themeType + "/en");
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("jitAccessDenied"), themeType + " messages lack our keys");
        }
    }

    @Test
    void keycloakStartsWithoutWarningsAboutOurProviders(KeycloakServer server) throws IOException {
        List<String> log = Files.readAllLines(server.logFile());
        int started = indexOfStartedLine(log);
        // only start-up: later warnings may be deliberate (e.g. a JIT mapper skipping a bad claim in another test)
        List<String> warnings = log.subList(0, started).stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .filter(line -> line.contains("kcprovisioning") || line.contains("provisioning") || line.contains("jit-") || line.contains("scim2"))
                .filter(line -> !line.contains("KC-SERVICES0047")) // expected once per provider of an internal SPI
                .toList();
        assertEquals(List.of(), warnings);
    }

    private static int indexOfStartedLine(List<String> log) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains("started in")) {
                return i + 1;
            }
        }
        throw new AssertionError("no 'started in' line in " + log.size() + " log lines");
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

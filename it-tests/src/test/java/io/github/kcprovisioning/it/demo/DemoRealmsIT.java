package io.github.kcprovisioning.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import io.github.kcprovisioning.it.sync.SyncFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The realms the run command imports work: upstream users sign in to the demo realm through OIDC and through SAML and get
 * their upstream groups under each IdP's managed root ({@code /external/oidc}, {@code /external/saml}) by JIT, the outbound
 * target pushes them to the downstream realm, and the demo SCIM client can call the SCIM endpoint.
 */
@KeycloakIntegrationTest
class DemoRealmsIT {
    private static final String APP_REDIRECT = "http://127.0.0.1/demo-callback";

    @BeforeAll
    static void importDemoRealms(KeycloakServer server) throws IOException {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        for (String realmJson : DemoRealms.render(server.baseUrl()).values()) {
            server.admin().realms().create(json.readValue(realmJson, RealmRepresentation.class));
        }
    }

    @Test
    void upstreamUserSignsInThroughOidc(KeycloakServer server) {
        LoginResult login = new BrowserSession(server).brokeredLogin("demo", "upstream-oidc", "demo-app", APP_REDIRECT, "alice", "alice");

        assertTrue(login.succeeded(), () -> "OIDC login failed: " + login.errorMessage().orElse(login.page().text()));
        UserRepresentation alice = demoUser(server, "alice");
        assertEquals("alice@example.org", alice.getEmail());
        assertEquals(Set.of("/external/oidc/engineering/backend", "/external/oidc/sales"), groupPaths(server, alice));
        SyncFixtures.await("alice pushed to the downstream realm with her groups", Duration.ofSeconds(60),
                () -> groupPaths(server, "downstream", "alice").equals(Set.of("/external/oidc/engineering/backend", "/external/oidc/sales")));
    }

    @Test
    void upstreamUserSignsInThroughSaml(KeycloakServer server) {
        LoginResult login = new BrowserSession(server).brokeredLogin("demo", "upstream-saml", "demo-app", APP_REDIRECT, "bob", "bob");

        assertTrue(login.succeeded(), () -> "SAML login failed: " + login.errorMessage().orElse(login.page().text()));
        UserRepresentation bob = demoUser(server, "bob");
        assertEquals("bob@example.org", bob.getEmail());
        assertEquals("Builder", bob.getLastName());
        assertEquals(Set.of("/external/saml/engineering/frontend"), groupPaths(server, bob));
    }

    /** the demo's target is an entry of the console page Configure → Outbound SCIM targets, and the outbound API knows it */
    @Test
    void outboundTargetIsAnEntryOfTheConsolePage(KeycloakServer server) {
        RealmResource demo = server.admin().realm("demo");
        List<ComponentRepresentation> entries = demo.components().query(demo.toRepresentation().getId(),
                "org.keycloak.services.ui.extend.UiPageProvider");
        assertEquals(List.of("downstream app"), entries.stream().map(ComponentRepresentation::getName).toList());
        assertEquals(entries.get(0).getId(), SyncFixtures.call(server, "GET", "demo", "targets").path(0).path("id").asText());
    }

    @Test
    void scimClientListsTheDemoRealmsUsers(KeycloakServer server) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String form = "grant_type=client_credentials&client_id=scim-client&client_secret=scim-client-secret";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl("demo") + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = new ObjectMapper().readTree(token.body()).path("access_token").asText();

        HttpResponse<String> users = http.send(HttpRequest.newBuilder(URI.create(server.realmUrl("demo") + "/provisioning/scim/v2/Users"))
                .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, users.statusCode(), users.body());
        assertTrue(users.body().contains("urn:ietf:params:scim:api:messages:2.0:ListResponse"), users.body());
    }

    private static Set<String> groupPaths(KeycloakServer server, UserRepresentation user) {
        return groupPaths(server, "demo", user.getUsername());
    }

    /** Paths of the direct groups of {@code username} in {@code realm}; empty when there is no such user (yet). */
    private static Set<String> groupPaths(KeycloakServer server, String realm, String username) {
        RealmResource resource = server.admin().realm(realm);
        return resource.users().searchByUsername(username, true).stream()
                .flatMap(user -> resource.users().get(user.getId()).groups().stream())
                .map(GroupRepresentation::getPath).collect(Collectors.toSet());
    }

    private static UserRepresentation demoUser(KeycloakServer server, String username) {
        RealmResource demo = server.admin().realm("demo");
        List<UserRepresentation> users = demo.users().searchByUsername(username, true);
        assertEquals(1, users.size(), "exactly one " + username + " in the demo realm");
        return users.get(0);
    }
}

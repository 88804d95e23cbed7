package io.github.kcprovisioning.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.BrowserSession;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The realms the run command imports work: a user of the upstream realm signs in to the demo realm through OIDC and through SAML. */
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
        assertEquals("alice@example.org", demoUser(server, "alice").getEmail());
    }

    @Test
    void upstreamUserSignsInThroughSaml(KeycloakServer server) {
        LoginResult login = new BrowserSession(server).brokeredLogin("demo", "upstream-saml", "demo-app", APP_REDIRECT, "bob", "bob");

        assertTrue(login.succeeded(), () -> "SAML login failed: " + login.errorMessage().orElse(login.page().text()));
        UserRepresentation bob = demoUser(server, "bob");
        assertEquals("bob@example.org", bob.getEmail());
        assertEquals("Builder", bob.getLastName());
    }

    private static UserRepresentation demoUser(KeycloakServer server, String username) {
        RealmResource demo = server.admin().realm("demo");
        List<UserRepresentation> users = demo.users().searchByUsername(username, true);
        assertEquals(1, users.size(), "exactly one " + username + " in the demo realm");
        return users.get(0);
    }
}

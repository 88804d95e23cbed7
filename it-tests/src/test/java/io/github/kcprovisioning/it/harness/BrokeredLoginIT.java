package io.github.kcprovisioning.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** The pattern every JIT test follows: a real upstream realm as IdP, a login driven over HTTP, assertions on the broker realm. */
@KeycloakIntegrationTest
class BrokeredLoginIT {

    @Test
    void firstBrokeredLoginCreatesTheUserInTheBrokeringRealm(KeycloakServer server) {
        BrokerFixture broker = BrokerFixture.oidc(server);
        broker.createUpstreamUser("alice", "alice-pw", "alice@example.org", "Alice", "Liddell");

        LoginResult login = new BrowserSession(server).brokeredLogin(broker, "alice", "alice-pw");

        assertTrue(login.succeeded(), () -> "login did not reach the app: " + login.errorMessage().orElse(login.page().title()));
        List<UserRepresentation> users = broker.brokerRealmResource().users().searchByUsername("alice", true);
        assertEquals(1, users.size());
        assertEquals("alice@example.org", users.get(0).getEmail());
        List<FederatedIdentityRepresentation> links = broker.brokerRealmResource().users().get(users.get(0).getId()).getFederatedIdentity();
        assertEquals(List.of(broker.idpAlias()), links.stream().map(FederatedIdentityRepresentation::getIdentityProvider).toList());
    }

    @Test
    void wrongUpstreamPasswordCreatesNoUser(KeycloakServer server) {
        BrokerFixture broker = BrokerFixture.oidc(server);
        broker.createUpstreamUser("bob", "bob-pw", "bob@example.org", "Bob", "Builder");

        LoginResult login = new BrowserSession(server).brokeredLogin(broker, "bob", "not-bob-pw");

        assertFalse(login.succeeded());
        assertTrue(login.errorMessage().isPresent(), "the upstream login page shows an error");
        assertTrue(broker.brokerRealmResource().users().searchByUsername("bob", true).isEmpty());
    }
}

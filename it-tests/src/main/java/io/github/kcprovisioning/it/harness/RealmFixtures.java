package io.github.kcprovisioning.it.harness;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/** Creates realms, clients and users through the admin API. Every test gets realms of its own, so tests never share state. */
public final class RealmFixtures {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private RealmFixtures() {
    }

    /** Creates an enabled realm named {@code prefix-<n>-<random>} and returns its name. */
    public static String createRealm(KeycloakServer server, String prefix) {
        String name = prefix + "-" + COUNTER.incrementAndGet() + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(46656), 36);
        RealmRepresentation realm = new RealmRepresentation();
        realm.setRealm(name);
        realm.setEnabled(true);
        server.admin().realms().create(realm);
        return name;
    }

    public static RealmResource realm(KeycloakServer server, String name) {
        return server.admin().realm(name);
    }

    /** Creates an enabled user with a password, e-mail and names (so no "update profile" step interrupts a login). */
    public static String createUser(RealmResource realm, String username, String password, String email, String firstName, String lastName) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = realm.users().create(user)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    /** Creates a public OIDC client (authorization code flow) that accepts the given redirect URI; returns its client id. */
    public static String createPublicClient(RealmResource realm, String clientId, String redirectUri) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setRedirectUris(List.of(redirectUri));
        client.setWebOrigins(List.of("+"));
        realm.clients().create(client).close();
        return clientId;
    }

    /** Creates a confidential client with a service account; returns the client's internal id. */
    public static String createServiceAccountClient(RealmResource realm, String clientId, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(false);
        client.setSecret(secret);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        try (Response response = realm.clients().create(client)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }
}

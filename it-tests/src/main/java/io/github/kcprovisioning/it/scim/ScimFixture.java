package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fresh realm with the {@code scim-provisioning} realm role and a SCIM client (service account holding that role);
 * hands out client-credentials access tokens and the realm's SCIM base URL.
 */
public final class ScimFixture {

    public static final String ROLE = "scim-provisioning";
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KeycloakServer server;
    private final String realm;
    private final String clientId;
    public static final String SECRET = "scim-secret";

    private ScimFixture(KeycloakServer server, String realm, String clientId) {
        this.server = server;
        this.realm = realm;
        this.clientId = clientId;
    }

    /** New realm, the role, and a client "scim-client" whose service account holds it. */
    public static ScimFixture create(KeycloakServer server) {
        return inRealm(server, RealmFixtures.createRealm(server, "scim"));
    }

    /** In an existing realm: the role, and a client "scim-client" whose service account holds it. */
    public static ScimFixture inRealm(KeycloakServer server, String realm) {
        RealmResource resource = RealmFixtures.realm(server, realm);
        RoleRepresentation role = new RoleRepresentation();
        role.setName(ROLE);
        resource.roles().create(role);
        ScimFixture fixture = new ScimFixture(server, realm, "scim-client");
        fixture.addServiceAccountClient("scim-client", true);
        return fixture;
    }

    /** Another client of the same realm, with or without the SCIM role; returns a fixture acting as that client. */
    public ScimFixture addServiceAccountClient(String clientId, boolean withRole) {
        ScimFixture client = serviceAccountClient(server, realm, clientId);
        if (withRole) {
            RealmResource resource = realmResource();
            String serviceAccountId = resource.clients().get(client.internalId()).getServiceAccountUser().getId();
            resource.users().get(serviceAccountId).roles().realmLevel().add(List.of(resource.roles().get(ROLE).toRepresentation()));
        }
        return client;
    }

    /** A client with a service account (no roles yet) in any realm, e.g. an administrator's client in the master realm. */
    public static ScimFixture serviceAccountClient(KeycloakServer server, String realm, String clientId) {
        RealmFixtures.createServiceAccountClient(RealmFixtures.realm(server, realm), clientId, SECRET);
        return new ScimFixture(server, realm, clientId);
    }

    /** The same realm as another of its clients, e.g. one {@link #addServiceAccountClient added} before. */
    public ScimFixture as(String otherClientId) {
        return new ScimFixture(server, realm, otherClientId);
    }

    /** Deletes this fixture's client, e.g. one a test added to the shared master realm. */
    public void removeClient() {
        realmResource().clients().get(internalId()).remove();
    }

    /**
     * Gives this fixture's client (its service account) a client role, e.g. realm-management / manage-clients, or in the
     * master realm {@code <realm>-realm} / manage-clients.
     */
    public ScimFixture grantClientRole(String roleClientId, String role) {
        RealmResource resource = realmResource();
        String serviceAccountId = resource.clients().get(internalId()).getServiceAccountUser().getId();
        String roleClient = resource.clients().findByClientId(roleClientId).get(0).getId();
        resource.users().get(serviceAccountId).roles().clientLevel(roleClient)
                .add(List.of(resource.clients().get(roleClient).roles().get(role).toRepresentation()));
        return this;
    }

    /** Base URL of the static SCIM token management of a client. */
    public String scimTokensUrl(String forClientId) {
        return server.realmUrl(realm) + "/provisioning/scim-tokens/" + forClientId;
    }

    /**
     * SCIM attributes the realm's user profile does not declare are "unmanaged" user attributes: stored, but shown by
     * the admin API only when the realm's policy allows it.
     */
    public void showUnmanagedAttributesToAdmins() {
        UPConfig profile = realmResource().users().userProfile().getConfiguration();
        profile.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW);
        realmResource().users().userProfile().update(profile);
    }

    public RealmResource realmResource() {
        return RealmFixtures.realm(server, realm);
    }

    public String realm() {
        return realm;
    }

    public String clientId() {
        return clientId;
    }

    private String internalId() {
        return realmResource().clients().findByClientId(clientId).get(0).getId();
    }

    public String scimUrl() {
        return server.realmUrl(realm) + "/provisioning/scim/v2";
    }

    public String accessToken() {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(SECRET);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token request failed: " + response.statusCode() + " " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Raw HTTP client for this realm's SCIM endpoint, authenticated as this fixture's client. */
    public ScimHttp http() {
        return new ScimHttp(scimUrl(), accessToken());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

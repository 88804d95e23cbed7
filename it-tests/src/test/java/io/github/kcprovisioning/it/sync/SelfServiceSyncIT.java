package io.github.kcprovisioning.it.sync;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;

/** A user who edits their own profile through the Account REST API, with their own token, has the change pushed. */
class SelfServiceSyncIT extends InMemoryTargetTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void profileAndEmailChangesThroughTheAccountApiArePushed(KeycloakServer kc) throws Exception {
        String realmName = RealmFixtures.createRealm(kc, "self");
        RealmResource realm = kc.admin().realm(realmName);
        SyncFixtures.addScimTarget(kc, realmName, scim.baseUrl(), Map.of());
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId("self-service");
        client.setPublicClient(true);
        client.setDirectAccessGrantsEnabled(true);
        realm.clients().create(client).close();
        RealmFixtures.createUser(realm, "erin", "pw", "erin@example.org", "Erin", "Old");
        await("erin on the target", WAIT, () -> scim.userByName("erin") != null);

        String token = passwordGrant(kc, realmName, "erin", "pw");
        String account = kc.realmUrl(realmName) + "/account";
        ObjectNode me = (ObjectNode) JSON.readTree(send(HttpRequest.newBuilder(URI.create(account)).GET(), token, 200));
        me.put("lastName", "New");
        me.put("email", "erin.new@example.org");
        send(HttpRequest.newBuilder(URI.create(account)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(me))), token, 204);

        await("erin's own edit on the target", WAIT, () ->
                "New".equals(scim.userByName("erin").path("name").path("familyName").asText())
                        && "erin.new@example.org".equals(scim.userByName("erin").path("emails").path(0).path("value").asText()));
        assertEquals(1, scim.requests().stream().filter(r -> r.method().equals("POST") && r.path().equals("Users")).count());
    }

    private static String passwordGrant(KeycloakServer kc, String realm, String user, String password) throws Exception {
        String form = "grant_type=password&client_id=self-service&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(kc.realmUrl(realm) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static String send(HttpRequest.Builder request, String token, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), response.body());
        return response.body();
    }
}

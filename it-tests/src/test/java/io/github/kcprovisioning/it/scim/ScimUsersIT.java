package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /Users over raw HTTP: mapping, meta/ETag, replace and patch semantics, and every error case. */
@KeycloakIntegrationTest
class ScimUsersIT {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    static String user(String userName) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "userName":"%s","externalId":"Ext-%s","active":true,
                 "name":{"givenName":"Given","familyName":"Family"},
                 "emails":[{"value":"%s@example.com","type":"work","primary":true}],
                 "title":"Engineer","phoneNumbers":[{"type":"mobile","value":"+49 170 1"}],
                 "%s":{"department":"R&D","employeeNumber":"E-1","manager":{"value":"boss-1"}}}"""
                .formatted(ENTERPRISE, userName, userName, userName, ENTERPRISE);
    }

    @Test
    void createMapsAttributesAndAnswers201WithLocationAndEtag(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        fixture.showUnmanagedAttributesToAdmins();
        String body = user("alice").replace("\"active\":true,", "\"active\":true,\"password\":\"Secret-123456\",");
        ScimHttp.Reply reply = fixture.http().post("/Users", body).assertStatus(201);
        JsonNode created = reply.json();
        String id = created.path("id").asText();
        assertEquals(fixture.scimUrl() + "/Users/" + id, reply.header("Location"));
        assertEquals(created.at("/meta/location").asText(), reply.header("Location"));
        assertEquals(created.at("/meta/version").asText(), reply.header("ETag"));
        assertEquals("User", created.at("/meta/resourceType").asText());
        assertTrue(created.at("/meta/created").asText().endsWith("Z"));
        assertFalse(created.has("password"), "password is write-only");
        assertEquals("alice", created.path("userName").asText());
        assertEquals("Ext-alice", created.path("externalId").asText());
        assertEquals("+49 170 1", created.at("/phoneNumbers/0/value").asText());
        assertEquals("R&D", created.path(ENTERPRISE).path("department").asText());
        assertEquals("boss-1", created.path(ENTERPRISE).at("/manager/value").asText());

        UserRepresentation stored = fixture.realmResource().users().get(id).toRepresentation();
        assertEquals("alice@example.com", stored.getEmail());
        assertEquals("Given", stored.getFirstName());
        assertTrue(stored.isEnabled());
        Map<String, List<String>> attributes = fixture.realmResource().users().get(id).getUnmanagedAttributes();
        assertEquals(List.of("R&D"), attributes.get("department"));
        assertEquals(List.of("Ext-alice"), attributes.get("scim.externalId"));
        assertEquals(List.of("+49 170 1"), attributes.get("mobile"));
        assertEquals("password", fixture.realmResource().users().get(id).credentials().get(0).getType());
    }

    @Test
    void getReturnsTheSameRepresentationAndHonoursIfNoneMatch(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        JsonNode created = http.post("/Users", user("bob")).assertStatus(201).json();
        String id = created.path("id").asText();
        ScimHttp.Reply get = http.get("/Users/" + id).assertStatus(200);
        assertEquals(created, get.json());
        http.send("GET", "/Users/" + id, null, Map.of("If-None-Match", get.header("ETag"))).assertStatus(304);
        http.get("/Users/does-not-exist").assertError(404, null);
    }

    @Test
    void duplicateUserNameIs409EvenInOtherCase(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        http.post("/Users", user("carol")).assertStatus(201);
        http.post("/Users", user("Carol").replace("carol@example.com", "other@example.com")).assertError(409, "uniqueness");
    }

    @Test
    void duplicateEmailIs409(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        http.post("/Users", user("dan")).assertStatus(201);
        http.post("/Users", user("dan2").replace("dan2@example.com", "dan@example.com")).assertError(409, "uniqueness");
    }

    @Test
    void badInputGetsPreciseErrors(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        http.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}").assertError(400, "invalidValue");
        http.post("/Users", "{\"userName\":\"x\"}").assertError(400, "invalidValue");
        http.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":").assertError(400, "invalidSyntax");
        http.post("/Users", "[]").assertError(400, "invalidSyntax");
        http.post("/Users", user("erin").replace("\"active\":true", "\"active\":\"maybe\"")).assertError(400, "invalidValue");
        http.post("/Users", user("erin").replace("erin@example.com", "not-an-email")).assertError(400, "invalidValue");
        http.post("/Users", user("erin").replace("\"title\":\"Engineer\"", "\"title\":{\"a\":1}")).assertError(400, "invalidValue");
        assertEquals(0, http.get("/Users?filter=userName%20eq%20%22erin%22").json().path("totalResults").asInt(),
                "no failed request left a user behind");
    }

    @Test
    void passwordPolicyViolationIs400AndLeavesNoUser(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        RealmRepresentation realm = fixture.realmResource().toRepresentation();
        realm.setPasswordPolicy("length(12)");
        fixture.realmResource().update(realm);
        ScimHttp.Reply reply = fixture.http()
                .post("/Users", user("frank").replace("\"active\":true,", "\"active\":true,\"password\":\"short\","))
                .assertError(400, "invalidValue");
        assertTrue(reply.json().path("detail").asText().contains("password policy"), reply.body());
        assertTrue(fixture.realmResource().users().search("frank", true).isEmpty(), "the user was rolled back");
    }

    @Test
    void putReplacesClearsOmittedAttributesAndChecksIfMatch(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        fixture.showUnmanagedAttributesToAdmins();
        ScimHttp http = fixture.http();
        JsonNode created = http.post("/Users", user("gina")).assertStatus(201).json();
        String id = created.path("id").asText();
        String version = created.at("/meta/version").asText();
        String replacement = """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"gina.new",
                 "name":{"givenName":"Gina"},"emails":[{"value":"gina@example.org"}]}""";
        http.send("PUT", "/Users/" + id, replacement, Map.of("If-Match", "W/\"stale\"")).assertError(412, null);
        sleepOneMillisecond();
        JsonNode replaced = http.send("PUT", "/Users/" + id, replacement, Map.of("If-Match", version)).assertStatus(200).json();
        assertEquals("gina.new", replaced.path("userName").asText());
        assertFalse(replaced.has("title"), "omitted attributes are cleared");
        assertFalse(replaced.has(ENTERPRISE), "omitted extension attributes are cleared");
        assertFalse(replaced.has("externalId"));
        assertNull(replaced.path("name").get("familyName"));
        assertTrue(replaced.path("active").asBoolean(), "absent 'active' leaves the user as it was");
        assertNotEquals(version, replaced.at("/meta/version").asText());
        assertNotEquals(created.at("/meta/lastModified").asText(), replaced.at("/meta/lastModified").asText());
        Map<String, List<String>> stored = fixture.realmResource().users().get(id).getUnmanagedAttributes();
        assertNull(stored.get("department"));
        assertNull(stored.get("title"));
        http.put("/Users/does-not-exist", replacement).assertError(404, null);
    }

    @Test
    void patchAcceptsEntraShapes(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String id = http.post("/Users", user("hank")).assertStatus(201).json().path("id").asText();
        String entra = """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"hank@new.example.com"},
                  {"op":"Replace","value":{"active":"False","name.familyName":"Hill"}},
                  {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter","value":"CC-7"},
                  {"op":"Remove","path":"title"}]}""";
        JsonNode patched = http.patch("/Users/" + id, entra).assertStatus(200).json();
        assertFalse(patched.path("active").asBoolean());
        assertEquals("hank@new.example.com", patched.at("/emails/0/value").asText());
        assertEquals("Hill", patched.at("/name/familyName").asText());
        assertEquals("Given", patched.at("/name/givenName").asText());
        assertEquals("CC-7", patched.path(ENTERPRISE).path("costCenter").asText());
        assertEquals("R&D", patched.path(ENTERPRISE).path("department").asText(), "untouched attributes stay");
        assertFalse(patched.has("title"));
        UserRepresentation stored = fixture.realmResource().users().get(id).toRepresentation();
        assertFalse(stored.isEnabled(), "active=False disables the Keycloak user");
        assertEquals("hank@new.example.com", stored.getEmail());
    }

    @Test
    void patchErrors(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        String id = http.post("/Users", user("ivy")).assertStatus(201).json().path("id").asText();
        http.patch("/Users/" + id, "{\"Operations\":[]}").assertError(400, "invalidSyntax");
        http.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":\"perhaps\"}]}")
                .assertError(400, "invalidValue");
        http.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"userName\"}]}").assertError(400, "invalidValue");
        http.send("PATCH", "/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}]}",
                Map.of("If-Match", "W/\"stale\"")).assertError(412, null);
        assertEquals("Engineer", http.get("/Users/" + id).json().path("title").asText(), "failed patches changed nothing");
    }

    @Test
    void deleteRemovesTheUser(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        String id = http.post("/Users", user("jack")).assertStatus(201).json().path("id").asText();
        http.delete("/Users/" + id).assertStatus(204);
        http.get("/Users/" + id).assertError(404, null);
        http.delete("/Users/" + id).assertError(404, null);
    }

    @Test
    void serviceAccountsAreNotScimUsers(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        assertEquals(0, http.get("/Users").assertStatus(200).json().path("totalResults").asInt());
        String serviceAccountId = fixture.realmResource().users().search("service-account-scim-client", true).get(0).getId();
        http.get("/Users/" + serviceAccountId).assertError(404, null);
        http.delete("/Users/" + serviceAccountId).assertError(404, null);
    }

    @Test
    void oversizedBodyIs413(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        String huge = user("kate").replace("\"title\":\"Engineer\"", "\"title\":\"" + "x".repeat(1024 * 1024 + 10) + "\"");
        http.post("/Users", huge).assertError(413, null);
    }

    @Test
    void everyChangeEmitsAnAdminEventNamingTheScimClient(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        RealmRepresentation realm = fixture.realmResource().toRepresentation();
        realm.setAdminEventsEnabled(true);
        realm.setAdminEventsDetailsEnabled(true);
        fixture.realmResource().update(realm);
        ScimHttp http = fixture.http();
        String id = http.post("/Users", user("leo")).assertStatus(201).json().path("id").asText();
        http.delete("/Users/" + id).assertStatus(204);
        String clientUuid = fixture.realmResource().clients().findByClientId("scim-client").get(0).getId();
        List<AdminEventRepresentation> events = fixture.realmResource().getAdminEvents();
        List<String> operations = events.stream().filter(e -> ("users/" + id).equals(e.getResourcePath()))
                .map(AdminEventRepresentation::getOperationType).sorted().toList();
        assertEquals(List.of("CREATE", "DELETE"), operations);
        events.stream().filter(e -> ("users/" + id).equals(e.getResourcePath()))
                .forEach(e -> assertEquals(clientUuid, e.getAuthDetails().getClientId()));
    }

    private static void sleepOneMillisecond() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.kcprovisioning.it.scim;

import static io.github.kcprovisioning.it.sync.SyncFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Per-realm SCIM endpoint settings (the {@code scim-endpoint-settings} component, written through Keycloak's component
 * admin REST API) change what one realm's SCIM endpoint advertises and does, and nothing in any other realm; a realm can
 * switch SCIM off, and settings that cannot be used switch it off too, never back to the server defaults.
 */
@KeycloakIntegrationTest
class ScimRealmSettingsIT {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    @Test
    void realmSettingsChangeDiscoveryAndBehaviourOfThatRealmOnlyUntilDeleted(KeycloakServer kc) {
        ScimFixture tuned = ScimFixture.create(kc);
        ScimFixture other = ScimFixture.create(kc);
        tuned.showUnmanagedAttributesToAdmins();
        other.showUnmanagedAttributesToAdmins();
        enableAdminEvents(tuned.realmResource());
        String id = ScimEndpointSettings.create(tuned.realmResource(), Map.of(
                "max-page-size", List.of("2"), "max-bulk-operations", List.of("3"), "max-body-bytes", List.of("2048"),
                "attribute-mappings", List.of(ENTERPRISE + ":department=orgUnit", "ims[skype].value=skypeId")));
        ScimHttp http = tuned.http();
        ScimHttp otherHttp = other.http();

        JsonNode spc = http.get("/ServiceProviderConfig").assertStatus(200).json();
        assertEquals(2, spc.at("/filter/maxResults").asInt());
        assertEquals(2, spc.at("/pagination/maxPageSize").asInt());
        assertEquals(2, spc.at("/pagination/defaultPageSize").asInt(), "the server's default page size, cut to the realm's maximum");
        assertEquals(3, spc.at("/bulk/maxOperations").asInt());
        assertEquals(2048, spc.at("/bulk/maxPayloadSize").asInt());
        assertServerDefaults(otherHttp);

        for (String name : List.of("ann", "ben", "cem")) {
            http.post("/Users", user(name)).assertStatus(201);
            otherHttp.post("/Users", user(name)).assertStatus(201);
        }
        JsonNode page = http.get("/Users?count=10").assertStatus(200).json();
        assertEquals(3, page.path("totalResults").asInt());
        assertEquals(2, page.path("Resources").size(), "count is cut to the realm's maximum page size");
        assertEquals(2, http.get("/Users").json().path("Resources").size(), "default page size");
        assertEquals(3, otherHttp.get("/Users?count=10").json().path("Resources").size(), "the other realm keeps the server's maximum");

        ObjectNode dan = user("dan");
        dan.putArray("entitlements").addObject().put("value", "d".repeat(3000)); // mapped in neither realm: only its size matters
        String large = dan.toString();
        http.post("/Users", large).assertError(413, null);
        otherHttp.post("/Users", large).assertStatus(201);
        String fourOperations = bulk(4);
        http.post("/Bulk", fourOperations).assertError(413, null);
        otherHttp.post("/Bulk", fourOperations).assertStatus(200);
        http.post("/Bulk", bulk(3)).assertStatus(200);

        // the realm's mapping: department is kept in orgUnit, ims[skype] is a new SCIM attribute; reads, writes, filters, /Schemas
        ObjectNode eve = user("eve");
        eve.putObject(ENTERPRISE).put("department", "Sales");
        eve.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User").add(ENTERPRISE);
        eve.putArray("ims").addObject().put("type", "skype").put("value", "eve.skype");
        String eveId = http.post("/Users", eve).assertStatus(201).json().path("id").asText();
        Map<String, List<String>> stored = tuned.realmResource().users().get(eveId).toRepresentation().getAttributes();
        assertEquals(List.of("Sales"), stored.get("orgUnit"), stored.toString());
        assertEquals(List.of("eve.skype"), stored.get("skypeId"), stored.toString());
        assertFalse(stored.containsKey("department"), stored.toString());
        JsonNode read = http.get("/Users/" + eveId).assertStatus(200).json();
        assertEquals("Sales", read.path(ENTERPRISE).path("department").asText());
        assertEquals("eve.skype", read.at("/ims/0/value").asText());
        JsonNode found = http.get("/Users?filter=" + encode(ENTERPRISE + ":department eq \"Sales\"")).assertStatus(200).json();
        assertEquals(1, found.path("totalResults").asInt());
        assertTrue(attributeNames(http, "urn:ietf:params:scim:schemas:core:2.0:User").contains("ims"));
        assertTrue(attributeNames(http, ENTERPRISE).contains("department"));
        assertFalse(attributeNames(otherHttp, "urn:ietf:params:scim:schemas:core:2.0:User").contains("ims"), "not mapped in the other realm");
        String otherEve = otherHttp.post("/Users", eve).assertStatus(201).json().path("id").asText();
        assertEquals(List.of("Sales"), other.realmResource().users().get(otherEve).toRepresentation().getAttributes().get("department"),
                "the other realm keeps the default mapping");

        JsonNode settings = settingsView(tuned);
        assertTrue(settings.path("enabled").asBoolean());
        assertEquals(id, settings.path("componentId").asText());
        assertEquals(2, settings.path("maxPageSize").asInt());
        assertEquals("realm", settings.at("/source/maxPageSize").asText());
        assertEquals("realm", settings.at("/source/attributeMappings").asText());
        assertEquals("server", settings.at("/source/requiredRole").asText());
        assertEquals("server", settings.at("/source/defaultPageSize").asText());
        assertTrue(settings.path("adminConsoleUrl").asText().endsWith("/admin/" + tuned.realm() + "/console/#/" + tuned.realm()
                + "/page-section/scim-endpoint-settings/" + id), settings.toString());
        assertEquals("server", settingsView(other).at("/source/maxPageSize").asText());

        ScimEndpointSettings.delete(tuned.realmResource(), id);
        assertServerDefaults(http);
        assertEquals(4, http.get("/Users?count=10").json().path("Resources").size(), "deleting the settings restores the defaults");
        assertEquals(List.of("CREATE", "DELETE"), componentEvents(tuned.realmResource(), id),
                "Keycloak records changes of the settings as admin events on the component");
    }

    @Test
    void aSwitchedOffRealmAnswers404BeforeAuthenticationWhileTokensAndOtherRealmsKeepWorking(KeycloakServer kc) {
        ScimFixture off = ScimFixture.create(kc);
        ScimFixture other = ScimFixture.create(kc);
        String id = ScimEndpointSettings.create(off.realmResource(), Map.of("enabled", List.of("false")));

        JsonNode error = off.http().get("/Users").assertError(404, null).json();
        assertEquals("SCIM is disabled for this realm", error.path("detail").asText());
        off.http().withToken(null).get("/ServiceProviderConfig").assertError(404, null);
        off.http().withToken(null).send("POST", "/Users", "{not json", Map.of()).assertError(404, null);
        other.http().get("/Users").assertStatus(200);

        ScimFixture manager = off.addServiceAccountClient("manager", false)
                .grantClientRole("realm-management", "manage-clients").grantClientRole("realm-management", "view-realm");
        ScimHttp.json(off.scimTokensUrl("scim-client"), manager.accessToken()).post("", "").assertStatus(201);
        JsonNode settings = settingsView(off);
        assertFalse(settings.path("enabled").asBoolean(true));
        assertTrue(settings.path("problem").isNull(), settings.toString());
        assertEquals("realm", settings.at("/source/enabled").asText());

        ScimEndpointSettings.update(off.realmResource(), id, Map.of("enabled", List.of("true")));
        off.http().get("/Users").assertStatus(200);
    }

    @Test
    void unusableSettingsAreRefusedWithTheReasonAndNothingIsStored(KeycloakServer kc) {
        RealmResource realm = ScimFixture.create(kc).realmResource();
        Map<Map<String, List<String>>, String> refusals = Map.of(
                Map.of("max-page-size", List.of("0")), "Maximum page size: 0 is not a whole number from 1 to 10000.",
                Map.of("max-bulk-operations", List.of("many")), "Maximum bulk operations: many is not a whole number from 1 to 10000.",
                Map.of("default-page-size", List.of("500"), "max-page-size", List.of("100")),
                "Default page size: 500 is larger than the maximum page size 100.",
                Map.of("attribute-mappings", List.of("title")), "Attribute mappings: title is not of the form scimPath=userAttribute.",
                Map.of("attribute-mappings", List.of("department=dept")), "Attribute mappings: department=dept names no SCIM User attribute",
                Map.of("required-role", List.of("no-such-role")), "Required role: the role no-such-role does not exist in this realm.",
                Map.of("enabled", List.of("maybe")), "SCIM enabled: maybe is neither true nor false.");
        refusals.forEach((config, reason) -> {
            ScimEndpointSettings.Refusal refusal = ScimEndpointSettings.createRefused(realm, config);
            assertEquals(400, refusal.status(), config.toString());
            assertTrue(refusal.message().startsWith(reason), config + " → " + refusal.message());
        });
        assertEquals(List.of(), ScimEndpointSettings.stored(realm), "nothing stored");

        String id = ScimEndpointSettings.create(realm, Map.of("max-page-size", List.of("50")));
        ScimEndpointSettings.Refusal second = ScimEndpointSettings.createRefused(realm, Map.of("max-page-size", List.of("60")));
        assertEquals(400, second.status());
        assertEquals("This realm already has SCIM endpoint settings: edit that entry instead of adding a second one.", second.message());
        ScimEndpointSettings.Refusal badUpdate = ScimEndpointSettings.updateRefused(realm, id, Map.of("max-page-size", List.of("-1")));
        assertEquals(400, badUpdate.status());
        assertEquals(1, ScimEndpointSettings.stored(realm).size(), "one entry per realm");
        assertEquals("50", ScimEndpointSettings.stored(realm).get(0).getConfig().getFirst("max-page-size"), "the refused update changed nothing");
    }

    @Test
    void theRequiredRoleIsPerRealmAndDeletingItSwitchesScimOff(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimFixture other = ScimFixture.create(kc);
        RealmResource realm = fixture.realmResource();
        RoleRepresentation role = new RoleRepresentation();
        role.setName("hr-sync");
        realm.roles().create(role);
        ScimFixture hr = fixture.addServiceAccountClient("hr-client", false);
        UserRepresentation hrAccount = realm.clients().get(realm.clients().findByClientId("hr-client").get(0).getId()).getServiceAccountUser();
        realm.users().get(hrAccount.getId()).roles().realmLevel().add(List.of(realm.roles().get("hr-sync").toRepresentation()));
        ScimFixture admin = fixture.addServiceAccountClient("admin-client", false)
                .grantClientRole("realm-management", "view-realm").grantClientRole("realm-management", "manage-clients");
        ScimEndpointSettings.create(realm, Map.of("required-role", List.of("hr-sync")));

        JsonNode refused = fixture.http().get("/Users").assertError(403, null).json();
        assertTrue(refused.path("detail").asText().contains("lacks role 'hr-sync'"), refused.toString());
        hr.http().get("/Users").assertStatus(200);
        other.http().get("/Users").assertStatus(200);
        JsonNode settings = settingsView(fixture);
        assertEquals("hr-sync", settings.path("requiredRole").asText());
        assertEquals("realm", settings.at("/source/requiredRole").asText());
        assertEquals(List.of("hr-client"), texts(settings.path("clients")));

        // fail closed: the role goes away, SCIM goes off (not back to the server's scim-provisioning)
        realm.roles().deleteRole("hr-sync");
        JsonNode off = fixture.http().get("/Users").assertError(503, null).json();
        assertFalse(off.path("detail").asText().contains("hr-sync"), "SCIM clients are not told the configuration: " + off);
        hr.http().get("/Users").assertError(503, null);
        fixture.http().withToken(null).get("/Users").assertError(503, null);
        other.http().get("/Users").assertStatus(200);
        JsonNode unusable = settingsView(fixture);
        assertFalse(unusable.path("enabled").asBoolean(true));
        assertEquals("required-role: the role hr-sync does not exist in this realm.", unusable.path("problem").asText());
        assertTrue(unusable.path("maxPageSize").isMissingNode(), "no values are in effect: " + unusable);
        ScimHttp.json(fixture.scimTokensUrl("hr-client"), admin.accessToken()).post("", "").assertStatus(201);
        String warning = "SCIM is off for realm '" + fixture.realm() + "'";
        await("the server log names the realm and the setting", Duration.ofSeconds(30), () -> logLines(kc).stream()
                .anyMatch(line -> line.contains(" WARN ") && line.contains(warning) && line.contains("required-role")));
    }

    private static List<String> logLines(KeycloakServer kc) {
        try {
            return Files.readAllLines(kc.logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertServerDefaults(ScimHttp http) {
        JsonNode spc = http.get("/ServiceProviderConfig").assertStatus(200).json();
        assertEquals(1000, spc.at("/filter/maxResults").asInt());
        assertEquals(100, spc.at("/pagination/defaultPageSize").asInt());
        assertEquals(1000, spc.at("/bulk/maxOperations").asInt());
        assertEquals(1024 * 1024, spc.at("/bulk/maxPayloadSize").asInt());
    }

    /** {@code GET /realms/{realm}/provisioning/settings} as a client of the realm holding realm-management view-realm */
    private static JsonNode settingsView(ScimFixture fixture) {
        String viewer = "viewer-" + System.nanoTime();
        String token = fixture.addServiceAccountClient(viewer, false).grantClientRole("realm-management", "view-realm").accessToken();
        return ScimHttp.json(fixture.scimUrl().replace("/scim/v2", ""), token).get("/settings").assertStatus(200).json();
    }

    private static List<String> componentEvents(RealmResource realm, String componentId) {
        return realm.getAdminEvents().stream().filter(e -> ("components/" + componentId).equals(e.getResourcePath()))
                .filter(e -> "COMPONENT".equals(e.getResourceType()))
                .map(AdminEventRepresentation::getOperationType).sorted().toList();
    }

    private static void enableAdminEvents(RealmResource realm) {
        RealmRepresentation representation = realm.toRepresentation();
        representation.setAdminEventsEnabled(true);
        realm.update(representation);
    }

    private static List<String> attributeNames(ScimHttp http, String schema) {
        List<String> names = new ArrayList<>();
        http.get("/Schemas/" + schema).assertStatus(200).json().path("attributes").forEach(a -> names.add(a.path("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static ObjectNode user(String name) {
        ObjectNode user = ScimHttp.object();
        user.putArray("schemas").add("urn:ietf:params:scim:schemas:core:2.0:User");
        user.put("userName", name);
        user.putObject("name").put("givenName", name).put("familyName", "Test");
        user.putArray("emails").addObject().put("value", name + "@example.org").put("primary", true);
        return user;
    }

    /** a /Bulk request of {@code n} deletes of users that do not exist (each fails on its own: the request itself is fine) */
    private static String bulk(int n) {
        ObjectNode request = ScimHttp.object();
        request.putArray("schemas").add(BULK);
        ArrayNode operations = request.putArray("Operations");
        for (int i = 0; i < n; i++) {
            operations.addObject().put("method", "DELETE").put("path", "/Users/missing-" + i);
        }
        return request.toString();
    }

    private static String encode(String filter) {
        return java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}

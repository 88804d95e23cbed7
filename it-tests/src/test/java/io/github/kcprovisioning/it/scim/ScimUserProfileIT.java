package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SCIM writes go through the realm's declarative user profile (admin context): a value that breaks a validator, or a
 * change of an attribute administrators may not edit, is a 400 invalidValue naming the attribute, and nothing is written.
 * The profile declares: department (at most 5 characters), title (letters and spaces), employeeNumber (read-only).
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimUserProfileIT {

    private static final String ENTERPRISE = ScimUsersIT.ENTERPRISE;

    private ScimFixture fixture;
    private ScimHttp http;

    @BeforeAll
    void profile(KeycloakServer kc) {
        fixture = ScimFixture.create(kc);
        http = fixture.http();
        UPConfig config = fixture.realmResource().users().userProfile().getConfiguration();
        UPAttributePermissions adminEdits = new UPAttributePermissions(Set.of("admin"), Set.of("admin"));
        UPAttribute department = new UPAttribute("department", adminEdits);
        department.addValidation("length", Map.of("max", 5));
        UPAttribute title = new UPAttribute("title", adminEdits);
        title.addValidation("pattern", Map.of("pattern", "^[A-Za-z ]+$", "error-message", "letters-only"));
        UPAttribute employeeNumber = new UPAttribute("employeeNumber", new UPAttributePermissions(Set.of("admin"), Set.of()));
        config.addOrReplaceAttribute(department).addOrReplaceAttribute(title).addOrReplaceAttribute(employeeNumber);
        fixture.realmResource().users().userProfile().update(config);
    }

    private static String user(String userName, String extra) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s",
                 "emails":[{"value":"%s@example.com","primary":true}]%s}""".formatted(ENTERPRISE, userName, userName, extra);
    }

    private static String department(String value) {
        return ",\"" + ENTERPRISE + "\":{\"department\":\"" + value + "\"}";
    }

    private int count(String userName) {
        return http.get("/Users?filter=" + URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8)
                .replace("+", "%20")).assertStatus(200).json().path("totalResults").asInt();
    }

    private static void assertNames(ScimHttp.Reply reply, String attribute) {
        String detail = reply.json().path("detail").asText();
        assertTrue(detail.contains("'" + attribute + "'"), detail);
    }

    @Test
    void validValuesAreStoredAsProfileAttributes() {
        String id = http.post("/Users", user("pia", department("Sales") + ",\"title\":\"Team Lead\"")).assertStatus(201)
                .json().path("id").asText();
        UserRepresentation stored = fixture.realmResource().users().get(id).toRepresentation();
        assertEquals(List.of("Sales"), stored.getAttributes().get("department"));
        assertEquals(List.of("Team Lead"), stored.getAttributes().get("title"));
    }

    @Test
    void validatorViolationOnCreateNamesTheAttributeAndCreatesNothing() {
        assertNames(http.post("/Users", user("rob", department("Research"))).assertError(400, "invalidValue"), "department");
        assertEquals(0, count("rob"));
        assertNames(http.post("/Users", user("rob", ",\"title\":\"Engineer 3\"")).assertError(400, "invalidValue"), "title");
        assertEquals(0, count("rob"));
    }

    @Test
    void coreAttributesFollowTheProfileToo() {
        assertNames(http.post("/Users", user("bea", ",\"name\":{\"givenName\":\"Bea<script>\"}"))
                .assertError(400, "invalidValue"), "firstName");
        assertEquals(0, count("bea"));
    }

    @Test
    void rejectedPatchLeavesTheUserUntouched() {
        String id = http.post("/Users", user("uma", department("Sales"))).assertStatus(201).json().path("id").asText();
        ScimHttp.Reply rejected = http.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"replace","path":"title","value":"Manager"},
                 {"op":"replace","path":"%s:department","value":"Research"}]}""".formatted(ENTERPRISE))
                .assertError(400, "invalidValue");
        assertNames(rejected, "department");
        JsonNode current = http.get("/Users/" + id).assertStatus(200).json();
        assertEquals("Sales", current.path(ENTERPRISE).path("department").asText());
        assertFalse(current.has("title"), current.toString());
        Map<String, List<String>> stored = fixture.realmResource().users().get(id).toRepresentation().getAttributes();
        assertEquals(List.of("Sales"), stored.get("department"));
        assertFalse(stored.containsKey("title"), stored.toString());
    }

    @Test
    void attributesAdministratorsMayNotEditAreRefused() {
        ScimHttp.Reply created = http.post("/Users", user("eve", ",\"" + ENTERPRISE + "\":{\"employeeNumber\":\"E-9\"}"));
        assertNames(created.assertError(400, "invalidValue"), "employeeNumber");
        assertEquals(0, count("eve"));
        String id = http.post("/Users", user("eve", "")).assertStatus(201).json().path("id").asText();
        assertNames(http.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"add","path":"%s:employeeNumber","value":"E-9"}]}""".formatted(ENTERPRISE))
                .assertError(400, "invalidValue"), "employeeNumber");
        assertFalse(fixture.realmResource().users().get(id).toRepresentation().getAttributes() != null
                && fixture.realmResource().users().get(id).toRepresentation().getAttributes().containsKey("employeeNumber"));
    }
}

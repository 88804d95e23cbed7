package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakIntegrationTest
class ScimDiscoveryIT {

    @Test
    void serviceProviderConfigTellsWhatIsSupported(KeycloakServer kc) {
        ScimHttp.Reply reply = ScimFixture.create(kc).http().get("/ServiceProviderConfig").assertStatus(200);
        assertEquals("application/scim+json", reply.header("Content-Type").split(";")[0]);
        JsonNode spc = reply.json();
        assertTrue(spc.path("patch").path("supported").asBoolean());
        assertTrue(spc.path("filter").path("supported").asBoolean());
        assertEquals(1000, spc.path("filter").path("maxResults").asInt());
        assertTrue(spc.path("etag").path("supported").asBoolean());
        assertTrue(spc.path("sort").path("supported").asBoolean());
        assertFalse(spc.path("bulk").path("supported").asBoolean());
        assertEquals("oauthbearertoken", spc.path("authenticationSchemes").path(0).path("type").asText());
    }

    @Test
    void resourceTypesListUsersWithEnterpriseExtensionAndGroups(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        JsonNode types = http.get("/ResourceTypes").assertStatus(200).json();
        assertEquals(2, types.path("totalResults").asInt());
        JsonNode user = http.get("/ResourceTypes/User").assertStatus(200).json();
        assertEquals("/Users", user.path("endpoint").asText());
        assertEquals("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                user.path("schemaExtensions").path(0).path("schema").asText());
        assertEquals("/Groups", http.get("/ResourceTypes/Group").assertStatus(200).json().path("endpoint").asText());
        http.get("/ResourceTypes/Printer").assertError(404, null);
    }

    @Test
    void schemasDescribeOnlyStoredAttributes(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        JsonNode schemas = http.get("/Schemas").assertStatus(200).json();
        assertEquals(3, schemas.path("totalResults").asInt());
        JsonNode user = http.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User").assertStatus(200).json();
        List<String> names = new ArrayList<>();
        user.path("attributes").forEach(a -> names.add(a.path("name").asText()));
        assertTrue(names.containsAll(List.of("userName", "name", "emails", "active", "password", "groups", "externalId",
                "displayName", "phoneNumbers", "addresses", "title", "locale", "timezone")), names.toString());
        assertFalse(names.contains("x509Certificates"), "no promise of attributes that are not stored");
        JsonNode enterprise = http.get("/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User").assertStatus(200).json();
        List<String> enterpriseNames = new ArrayList<>();
        enterprise.path("attributes").forEach(a -> enterpriseNames.add(a.path("name").asText()));
        assertEquals(List.of("employeeNumber", "costCenter", "organization", "division", "department", "manager"), enterpriseNames);
        http.get("/Schemas/urn:example:nothing").assertError(404, null);
    }

    @Test
    void meIsNotImplemented(KeycloakServer kc) {
        ScimFixture.create(kc).http().get("/Me").assertError(501, null);
    }
}

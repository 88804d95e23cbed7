package io.github.kcprovisioning.sync.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ScimResourcesTest {

    private static final ScimResources.UserSnapshot ALICE = new ScimResources.UserSnapshot("kc-1", "alice", "Alice", "Liddell",
            "alice@example.com", false, Map.of("dept", List.of("R&D"), "jobTitle", List.of("Engineer"), "password", List.of("x")));

    @Test
    void userCarriesCoreAttributesAndKeycloakIdAsExternalId() {
        ObjectNode user = ScimResources.user(ALICE, Map.of());
        assertEquals("alice", user.path("userName").asText());
        assertEquals("kc-1", user.path("externalId").asText());
        assertEquals("Alice", user.path("name").path("givenName").asText());
        assertEquals("Liddell", user.path("name").path("familyName").asText());
        assertEquals("Alice Liddell", user.path("displayName").asText());
        assertEquals("alice@example.com", user.path("emails").get(0).path("value").asText());
        assertTrue(user.path("emails").get(0).path("primary").asBoolean());
        assertFalse(user.path("active").asBoolean(true));
        assertTrue(schemas(user).contains("urn:ietf:params:scim:schemas:core:2.0:User"));
        assertFalse(user.toString().contains("password"));
    }

    @Test
    void mappedAttributesGoToCoreOrEnterpriseExtension() {
        ObjectNode user = ScimResources.user(ALICE, Map.of("title", "jobTitle", "enterprise:department", "dept"));
        assertEquals("Engineer", user.path("title").asText());
        assertEquals("R&D", user.path(ScimResources.ENTERPRISE).path("department").asText());
        assertTrue(schemas(user).contains(ScimResources.ENTERPRISE));
    }

    @Test
    void memberPatchesAddAndRemoveOneMemberOnly() {
        JsonNode add = ScimResources.addMember("r-9", "User");
        assertEquals("add", add.path("Operations").get(0).path("op").asText());
        assertEquals("members", add.path("Operations").get(0).path("path").asText());
        assertEquals("r-9", add.path("Operations").get(0).path("value").get(0).path("value").asText());
        JsonNode remove = ScimResources.removeMember("r-9");
        assertEquals("remove", remove.path("Operations").get(0).path("op").asText());
        assertEquals("members[value eq \"r-9\"]", remove.path("Operations").get(0).path("path").asText());
    }

    private static List<String> schemas(JsonNode node) {
        return java.util.stream.StreamSupport.stream(node.path("schemas").spliterator(), false).map(JsonNode::asText).toList();
    }
}

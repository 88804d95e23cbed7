package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@KeycloakIntegrationTest
class ScimBulkIT {

    private static final String BULK = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

    private static String userData(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName + "\"}";
    }

    @Test
    void bulkIdReferencesConnectAUserToANewGroup(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        JsonNode result = http.post("/Bulk", """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"u1","data":%s},
                  {"method":"POST","path":"/Groups","bulkId":"g1","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                     "displayName":"bulk-group","members":[{"value":"bulkId:u1"}]}},
                  {"method":"PATCH","path":"/Users/bulkId:u1","data":{"Operations":[{"op":"replace","path":"title","value":"Bulked"}]}}
                ]}""".formatted(BULK, userData("bulk.user"))).assertStatus(200).json();
        JsonNode ops = result.path("Operations");
        assertEquals("201", ops.path(0).path("status").asText(), result.toString());
        assertEquals("201", ops.path(1).path("status").asText(), result.toString());
        assertEquals("200", ops.path(2).path("status").asText(), result.toString());
        String userLocation = ops.path(0).path("location").asText();
        assertTrue(userLocation.startsWith(fixture.scimUrl() + "/Users/"));
        String userId = userLocation.substring(userLocation.lastIndexOf('/') + 1);
        JsonNode user = http.get("/Users/" + userId).json();
        assertEquals("Bulked", user.path("title").asText());
        assertEquals("bulk-group", user.at("/groups/0/display").asText());
    }

    @Test
    void aFailingOperationFailsAloneAndFailOnErrorsStops(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        http.post("/Users", userData("taken")).assertStatus(201);
        JsonNode result = http.post("/Bulk", """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"a","data":%s},
                  {"method":"POST","path":"/Users","bulkId":"b","data":%s},
                  {"method":"POST","path":"/Users","bulkId":"c","data":%s}
                ]}""".formatted(BULK, userData("first"), userData("taken"), userData("third"))).assertStatus(200).json();
        JsonNode ops = result.path("Operations");
        assertEquals("201", ops.path(0).path("status").asText());
        assertEquals("409", ops.path(1).path("status").asText());
        assertEquals("uniqueness", ops.path(1).path("response").path("scimType").asText());
        assertEquals("201", ops.path(2).path("status").asText());
        assertEquals(3, http.get("/Users").json().path("totalResults").asInt(), "taken, first, third");

        JsonNode stopped = http.post("/Bulk", """
                {"schemas":["%s"],"failOnErrors":1,"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"x","data":%s},
                  {"method":"POST","path":"/Users","bulkId":"y","data":%s}
                ]}""".formatted(BULK, userData("taken"), userData("never"))).assertStatus(200).json();
        assertEquals(1, stopped.path("Operations").size());
        assertEquals("409", stopped.at("/Operations/0/status").asText());
        assertEquals(0, http.get("/Users?filter=userName%20eq%20%22never%22").json().path("totalResults").asInt());
    }

    /** The second create of a userName (in another case) in one request meets the first one's row: it alone is a 409. */
    @Test
    void aUserNameCreatedTwiceInOneRequestIsCreatedOnce(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        JsonNode result = http.post("/Bulk", """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Users","bulkId":"a","data":%s},
                  {"method":"POST","path":"/Users","bulkId":"b","data":%s},
                  {"method":"POST","path":"/Users","bulkId":"c","data":%s}
                ]}""".formatted(BULK, userData("twice"), userData("Twice"), userData("once"))).assertStatus(200).json();
        JsonNode ops = result.path("Operations");
        assertEquals("201", ops.path(0).path("status").asText(), result.toString());
        assertEquals("409", ops.path(1).path("status").asText(), result.toString());
        assertEquals("uniqueness", ops.path(1).path("response").path("scimType").asText());
        assertEquals("201", ops.path(2).path("status").asText(), result.toString());
        assertEquals(2, http.get("/Users").json().path("totalResults").asInt(), "twice, once");
    }

    /** Every method in one request: the later operations see what the earlier ones wrote, deletes included. */
    @Test
    void createChangeAndDeleteInOneRequest(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String kept = http.post("/Users", userData("kept")).assertStatus(201).json().path("id").asText();
        String gone = http.post("/Users", userData("gone")).assertStatus(201).json().path("id").asText();
        JsonNode result = http.post("/Bulk", """
                {"schemas":["%s"],"Operations":[
                  {"method":"POST","path":"/Groups","bulkId":"g","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                     "displayName":"short-lived","members":[{"value":"%s"},{"value":"%s"}]}},
                  {"method":"DELETE","path":"/Users/%s"},
                  {"method":"PUT","path":"/Users/%s","data":%s},
                  {"method":"PATCH","path":"/Groups/bulkId:g","data":{"Operations":[{"op":"replace","path":"displayName","value":"renamed"}]}},
                  {"method":"POST","path":"/Groups","bulkId":"h","data":{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
                     "displayName":"stays","members":[{"value":"%s"}]}},
                  {"method":"DELETE","path":"/Groups/bulkId:g"}
                ]}""".formatted(BULK, kept, gone, gone, kept, userData("kept2"), kept)).assertStatus(200).json();
        List<String> statuses = new ArrayList<>();
        result.path("Operations").forEach(op -> statuses.add(op.path("status").asText()));
        // a group PATCH answers 204 (no group in the answer), in /Bulk as on its own
        assertEquals(List.of("201", "204", "200", "204", "201", "204"), statuses, result.toString());
        http.get("/Users/" + gone).assertError(404, null);
        JsonNode user = http.get("/Users/" + kept).json();
        assertEquals("kept2", user.path("userName").asText());
        assertEquals(List.of("stays"), fixture.realmResource().groups().groups().stream().map(GroupRepresentation::getName).toList());
        assertEquals("stays", user.at("/groups/0/display").asText());
    }

    @Test
    void badBulkRequests(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        http.post("/Bulk", "{\"Operations\":[]}").assertError(400, "invalidValue");
        http.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[{\"method\":\"GET\",\"path\":\"/Users\"}]}")
                .assertError(400, "invalidValue");
        StringBuilder many = new StringBuilder("{\"schemas\":[\"" + BULK + "\"],\"Operations\":[");
        for (int i = 0; i <= 1000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"method\":\"DELETE\",\"path\":\"/Users/x").append(i).append("\"}");
        }
        http.post("/Bulk", many.append("]}").toString()).assertError(413, null);
        JsonNode unresolved = http.post("/Bulk", "{\"schemas\":[\"" + BULK + "\"],\"Operations\":[{\"method\":\"DELETE\","
                + "\"path\":\"/Users/bulkId:nope\"}]}").assertStatus(200).json();
        assertEquals("400", unresolved.at("/Operations/0/status").asText());
        assertEquals("invalidValue", unresolved.at("/Operations/0/response/scimType").asText());
    }
}

package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Filters evaluated in the database: every operator, case rules, complex filters, paging, sorting, projection. */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimUserFilterIT {

    private ScimHttp http;
    private String serviceAccountUserName;
    private String createdBetween;

    @BeforeAll
    void users(KeycloakServer kc) throws InterruptedException {
        ScimFixture fixture = ScimFixture.create(kc);
        http = fixture.http();
        serviceAccountUserName = "service-account-" + fixture.clientId();
        create("anna.adams", "Anna", "Adams", "anna@corp.example", true, "EXT-a", "Sales", "+49 30 1", "Lead");
        Thread.sleep(20);
        createdBetween = java.time.Instant.now().toString();
        Thread.sleep(20);
        create("bert.brown", "Bert", "Brown", "bert@corp.example", false, "EXT-b", "R&D", "+1 555 2", null);
        create("carl.clark", "Carl", "Clark", "carl@other.example", true, "ext-c", "R&D", null, "Engineer");
    }

    private void create(String userName, String given, String family, String email, boolean active, String externalId,
                        String department, String mobile, String title) {
        String phones = mobile == null ? "" : ",\"phoneNumbers\":[{\"type\":\"mobile\",\"value\":\"" + mobile + "\"}]";
        String titleJson = title == null ? "" : ",\"title\":\"" + title + "\"";
        http.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"%s","familyName":"%s"},
                 "emails":[{"value":"%s"}],"active":%s,"externalId":"%s",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"%s"}%s%s}"""
                .formatted(userName, given, family, email, active, externalId, department, phones, titleJson)).assertStatus(201);
    }

    private List<String> userNames(String filter) {
        JsonNode list = http.get("/Users?filter=" + enc(filter)).assertStatus(200).json();
        List<String> names = new ArrayList<>();
        list.path("Resources").forEach(r -> names.add(r.path("userName").asText()));
        assertEquals(names.size(), list.path("totalResults").asInt(), list.toString());
        return names;
    }

    @Test
    void userNameIsCaseInsensitive() {
        assertEquals(List.of("anna.adams"), userNames("userName eq \"ANNA.Adams\""));
        assertEquals(List.of("bert.brown", "carl.clark"), userNames("userName ne \"anna.adams\""));
    }

    /**
     * {@code userName eq "…"} alone is answered by Keycloak's cached look-up by username; the same condition with a second
     * one ({@code and userName pr}) goes through the general filter query. Both must answer alike: totals, paging, count=0,
     * projection with the user's groups, case, unknown names, the SCIM client's own service account (not a resource).
     */
    @Test
    void userNameLookupAnswersLikeTheFilterQuery() {
        http.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"lookup-team",
                 "members":[{"value":"%s"}]}""".formatted(id("anna.adams"))).assertStatus(201);
        for (String name : List.of("anna.adams", "ANNA.Adams", "nobody", serviceAccountUserName)) {
            for (String parameters : List.of("", "&startIndex=2", "&count=0", "&attributes=userName,groups")) {
                JsonNode lookup = http.get("/Users?filter=" + enc("userName eq \"" + name + "\"") + parameters).assertStatus(200).json();
                JsonNode query = http.get("/Users?filter=" + enc("userName eq \"" + name + "\" and userName pr") + parameters)
                        .assertStatus(200).json();
                assertEquals(query, lookup, name + parameters);
            }
        }
        JsonNode anna = http.get("/Users?filter=" + enc("userName eq \"Anna.Adams\"") + "&attributes=groups").json();
        assertEquals(1, anna.path("totalResults").asInt(), anna.toString());
        assertEquals("lookup-team", anna.at("/Resources/0/groups/0/display").asText(), anna.toString());
        assertEquals(0, http.get("/Users?filter=" + enc("userName eq \"" + serviceAccountUserName + "\"")).json()
                .path("totalResults").asInt());
    }

    /** The look-up goes through Keycloak's user cache: a rename and a delete show at once. */
    @Test
    void userNameLookupFollowsRenameAndDelete() {
        create("dora.dunn", "Dora", "Dunn", "dora@elsewhere.example", true, "EXT-d", "Ops", null, null);
        String id = id("dora.dunn");
        http.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"userName","value":"dora.davis"}]}""").assertStatus(200);
        assertEquals(List.of(), userNames("userName eq \"dora.dunn\""));
        assertEquals(List.of("dora.davis"), userNames("userName eq \"dora.davis\""));
        http.delete("/Users/" + id).assertStatus(204);
        assertEquals(List.of(), userNames("userName eq \"dora.davis\""));
    }

    private String id(String userName) {
        JsonNode list = http.get("/Users?filter=" + enc("userName eq \"" + userName + "\"")).assertStatus(200).json();
        assertEquals(1, list.path("totalResults").asInt(), list.toString());
        return list.at("/Resources/0/id").asText();
    }

    @Test
    void substringOperators() {
        assertEquals(List.of("anna.adams", "bert.brown"), userNames("emails.value ew \"@corp.example\""));
        assertEquals(List.of("carl.clark"), userNames("emails co \"OTHER\""));
        assertEquals(List.of("bert.brown"), userNames("name.familyName sw \"br\""));
    }

    @Test
    void orderingOperators() {
        assertEquals(List.of("bert.brown", "carl.clark"), userNames("userName gt \"anna.adams\""));
        assertEquals(List.of("anna.adams", "bert.brown"), userNames("userName le \"bert.brown\""));
        assertEquals(List.of("bert.brown", "carl.clark"), userNames("meta.created gt \"" + createdBetween + "\""));
        assertEquals(List.of("anna.adams"), userNames("meta.created lt \"" + createdBetween + "\""));
    }

    @Test
    void booleanAndPresence() {
        assertEquals(List.of("bert.brown"), userNames("active eq false"));
        assertEquals(List.of("anna.adams", "carl.clark"), userNames("title pr"));
        assertEquals(List.of("bert.brown"), userNames("not (title pr)"));
    }

    @Test
    void externalIdIsCaseExact() {
        assertEquals(List.of("carl.clark"), userNames("externalId eq \"ext-c\""));
        assertEquals(List.of(), userNames("externalId eq \"EXT-C\""));
    }

    @Test
    void extensionAndMappedAttributes() {
        assertEquals(List.of("bert.brown", "carl.clark"),
                userNames("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq \"r&d\""));
        assertEquals(List.of("anna.adams"), userNames("phoneNumbers[type eq \"mobile\" and value sw \"+49\"]"));
        assertEquals(List.of("anna.adams", "bert.brown"), userNames("phoneNumbers[type eq \"mobile\"]"));
        assertEquals(List.of(), userNames("phoneNumbers[type eq \"work\"]"));
        assertEquals(List.of("carl.clark"), userNames("emails[type eq \"work\" and value sw \"c\"]"));
    }

    @Test
    void logicalOperatorsAndGrouping() {
        assertEquals(List.of("carl.clark"), userNames("active eq true and (title eq \"engineer\" or userName eq \"nobody\")"));
        assertEquals(List.of("anna.adams", "bert.brown"), userNames("userName sw \"a\" or not (active eq true)"));
    }

    @Test
    void whatCannotBeEvaluatedIsInvalidFilter() {
        http.get("/Users?filter=" + enc("x509Certificates.value eq \"x\"")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("active gt true")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("meta.created gt \"yesterday\"")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("userName eq")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("groups.value sw \"g\"")).assertError(400, "invalidFilter");
    }

    @Test
    void pagingAndSorting() {
        JsonNode page = http.get("/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=1").assertStatus(200).json();
        assertEquals(3, page.path("totalResults").asInt());
        assertEquals(2, page.path("startIndex").asInt());
        assertEquals(1, page.path("itemsPerPage").asInt());
        assertEquals("bert.brown", page.at("/Resources/0/userName").asText());
        JsonNode countOnly = http.get("/Users?count=0").assertStatus(200).json();
        assertEquals(3, countOnly.path("totalResults").asInt());
        assertEquals(0, countOnly.path("Resources").size());
        // a short last page tells the total without a count query; an empty page beyond the end still needs one
        JsonNode lastPage = http.get("/Users?startIndex=3&count=2").assertStatus(200).json();
        assertEquals(3, lastPage.path("totalResults").asInt());
        assertEquals(1, lastPage.path("itemsPerPage").asInt());
        JsonNode beyondTheEnd = http.get("/Users?startIndex=5&count=2").assertStatus(200).json();
        assertEquals(3, beyondTheEnd.path("totalResults").asInt());
        assertEquals(0, beyondTheEnd.path("Resources").size());
        http.get("/Users?sortBy=title").assertError(400, "invalidValue");
        http.get("/Users?count=abc").assertError(400, "invalidValue");
        http.get("/Users?sortOrder=sideways").assertError(400, "invalidValue");
    }

    @Test
    void attributesAndExcludedAttributes() {
        JsonNode list = http.get("/Users?filter=" + enc("userName eq \"anna.adams\"") + "&attributes=userName,name.familyName")
                .assertStatus(200).json();
        JsonNode anna = list.at("/Resources/0");
        assertEquals("anna.adams", anna.path("userName").asText());
        assertEquals("Adams", anna.at("/name/familyName").asText());
        assertFalse(anna.path("name").has("givenName"));
        assertFalse(anna.has("emails"));
        assertTrue(anna.has("id"));
        JsonNode excluded = http.get("/Users?excludedAttributes=emails,title").json().at("/Resources/0");
        assertFalse(excluded.has("emails"));
        assertTrue(excluded.has("userName"));
    }

    @Test
    void searchEndpointTakesTheRequestInTheBody() {
        JsonNode result = http.post("/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],
                 "filter":"active eq true","sortBy":"name.givenName","attributes":["userName"],"count":10}""")
                .assertStatus(200).json();
        assertEquals(2, result.path("totalResults").asInt());
        assertEquals("anna.adams", result.at("/Resources/0/userName").asText());
        assertEquals("carl.clark", result.at("/Resources/1/userName").asText());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

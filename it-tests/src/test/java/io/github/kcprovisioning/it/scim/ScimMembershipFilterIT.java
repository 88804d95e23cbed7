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

/**
 * Membership filters as Entra ID and Okta send them: {@code groups.value}/{@code groups.display} on Users and
 * {@code members.value} on Groups, with eq, ne, pr, and/or/not and complex filters; what is not evaluated is a 400.
 * Layout: Sales = {ann, bob}; Eng = {bob, Backend}; Backend = {cid}; Empty = {}; dan is in no group.
 */
@KeycloakIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimMembershipFilterIT {

    private ScimHttp http;
    private String ann;
    private String bob;
    private String sales;
    private String eng;
    private String backend;

    @BeforeAll
    void layout(KeycloakServer kc) {
        http = ScimFixture.create(kc).http();
        ann = user("ann");
        bob = user("bob");
        String cid = user("cid");
        user("dan");
        sales = group("Sales", ann, bob);
        backend = group("Backend", cid);
        eng = group("Eng", bob, backend);
        group("Empty");
    }

    private String user(String userName) {
        return http.post("/Users", ScimUsersIT.user(userName)).assertStatus(201).json().path("id").asText();
    }

    private String group(String displayName, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) {
            members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        return http.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","members":[%s]}"""
                .formatted(displayName, members)).assertStatus(201).json().path("id").asText();
    }

    private List<String> names(String endpoint, String attribute, String filter) {
        JsonNode list = http.get("/" + endpoint + "?excludedAttributes=members&filter=" + enc(filter)).assertStatus(200).json();
        List<String> names = new ArrayList<>();
        list.path("Resources").forEach(r -> names.add(r.path(attribute).asText()));
        assertEquals(names.size(), list.path("totalResults").asInt(), list.toString());
        return names;
    }

    private List<String> users(String filter) {
        return names("Users", "userName", filter);
    }

    private List<String> groups(String filter) {
        return names("Groups", "displayName", filter);
    }

    @Test
    void usersByGroupId() {
        assertEquals(List.of("ann", "bob"), users("groups.value eq \"" + sales + "\""));
        assertEquals(List.of("ann", "bob"), users("groups eq \"" + sales + "\""));
        assertEquals(List.of("bob"), users("groups[value eq \"" + eng + "\"]"));
        assertEquals(List.of("cid", "dan"), users("groups.value ne \"" + sales + "\""));
        assertEquals(List.of(), users("groups.value eq \"no-such-group\""));
    }

    @Test
    void usersByGroupName() {
        assertEquals(List.of("ann", "bob"), users("groups.display eq \"SALES\""));
        assertEquals(List.of("cid"), users("groups.display sw \"back\""));
        assertEquals(List.of("bob"), users("groups[type eq \"direct\" and display eq \"Eng\"]"));
    }

    @Test
    void presenceAndLogicalOperators() {
        assertEquals(List.of("ann", "bob", "cid"), users("groups pr"));
        assertEquals(List.of("dan"), users("not (groups pr)"));
        assertEquals(List.of("bob"), users("groups.value eq \"" + sales + "\" and groups.value eq \"" + eng + "\""));
        assertEquals(List.of("ann", "bob", "cid"), users("groups.value eq \"" + sales + "\" or groups.display eq \"Backend\""));
        assertEquals(List.of("ann"), users("groups.value eq \"" + sales + "\" and not (groups.display eq \"eng\")"));
        assertEquals(List.of("bob"), users("userName sw \"b\" and groups pr"));
    }

    @Test
    void groupsByMember() {
        assertEquals(List.of("Eng", "Sales"), groups("members.value eq \"" + bob + "\""));
        assertEquals(List.of("Eng", "Sales"), groups("members eq \"" + bob + "\""));
        assertEquals(List.of("Eng"), groups("members.value eq \"" + backend + "\""));
        assertEquals(List.of("Eng", "Sales"), groups("members[type eq \"User\" and value eq \"" + bob + "\"]"));
        assertEquals(List.of(), groups("members[type eq \"User\" and value eq \"" + backend + "\"]"));
        assertEquals(List.of("Eng"), groups("members[type eq \"Group\"]"));
        assertEquals(List.of("Backend", "Empty"), groups("members.value ne \"" + bob + "\""));
        assertEquals(List.of("Backend", "Eng", "Sales"), groups("members pr"));
        assertEquals(List.of("Empty"), groups("not (members pr)"));
        assertEquals(List.of("Sales"), groups("members.value eq \"" + ann + "\" or displayName eq \"nobody\""));
    }

    /** Entra ID checks one membership with the group's id and the member's id; the answer is the group or nothing. */
    @Test
    void entraMembershipCheck() {
        assertEquals(List.of("Sales"), groups("id eq \"" + sales + "\" and members.value eq \"" + ann + "\""));
        assertEquals(List.of(), groups("id eq \"" + eng + "\" and members.value eq \"" + ann + "\""));
        JsonNode page = http.get("/Groups?count=1&filter=" + enc("members.value eq \"" + bob + "\"")).assertStatus(200).json();
        assertEquals(2, page.path("totalResults").asInt());
        assertEquals(1, page.path("Resources").size());
    }

    @Test
    void whatIsNotEvaluatedIsInvalidFilter() {
        http.get("/Groups?filter=" + enc("members.display eq \"ann\"")).assertError(400, "invalidFilter");
        http.get("/Groups?filter=" + enc("members.value gt \"a\"")).assertError(400, "invalidFilter");
        http.get("/Groups?filter=" + enc("members[type eq \"Robot\"]")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("groups.value co \"a\"")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("groups[type eq \"indirect\"]")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("groups.type eq \"direct\"")).assertError(400, "invalidFilter");
        http.get("/Users?filter=" + enc("groups.value eq 42")).assertError(400, "invalidFilter");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

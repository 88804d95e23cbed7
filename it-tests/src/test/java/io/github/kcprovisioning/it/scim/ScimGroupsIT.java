package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.GroupRepresentation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /Groups over raw HTTP: user and group members (sub-groups), PATCH shapes of Entra ID and Okta, errors. */
@KeycloakIntegrationTest
class ScimGroupsIT {

    private static String userId(ScimHttp http, String userName) {
        return http.post("/Users", ScimUsersIT.user(userName)).assertStatus(201).json().path("id").asText();
    }

    private static String group(String displayName, String externalId, String... memberIds) {
        StringBuilder members = new StringBuilder();
        for (String id : memberIds) {
            members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s","externalId":"%s","members":[%s]}"""
                .formatted(displayName, externalId, members);
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(m -> ids.add(m.path("value").asText()));
        return ids;
    }

    @Test
    void createWithUserMembersRendersRefsAndJoinsKeycloakGroup(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String ann = userId(http, "ann");
        ScimHttp.Reply reply = http.post("/Groups", group("Sales", "obj-1", ann)).assertStatus(201);
        JsonNode created = reply.json();
        String id = created.path("id").asText();
        assertEquals(fixture.scimUrl() + "/Groups/" + id, reply.header("Location"));
        assertEquals("obj-1", created.path("externalId").asText());
        JsonNode member = created.path("members").path(0);
        assertEquals(ann, member.path("value").asText());
        assertEquals("User", member.path("type").asText());
        assertEquals("ann", member.path("display").asText());
        assertEquals(fixture.scimUrl() + "/Users/" + ann, member.path("$ref").asText());
        assertEquals(1, fixture.realmResource().groups().group(id).members().size());
        JsonNode user = http.get("/Users/" + ann).json();
        assertEquals(id, user.at("/groups/0/value").asText(), "user's read-only groups attribute");
        assertEquals(created, http.get("/Groups/" + id).assertStatus(200).json());
    }

    @Test
    void groupMemberBecomesSubGroupAndASecondParentIsRefused(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String backend = http.post("/Groups", group("backend", "b")).assertStatus(201).json().path("id").asText();
        String eng = http.post("/Groups", group("eng", "e", backend)).assertStatus(201).json().path("id").asText();
        GroupRepresentation stored = fixture.realmResource().groups().group(backend).toRepresentation();
        assertEquals("/eng/backend", stored.getPath());
        assertEquals("Group", http.get("/Groups/" + eng).json().at("/members/0/type").asText());

        String ops = http.post("/Groups", group("ops", "o")).assertStatus(201).json().path("id").asText();
        ScimHttp.Reply secondParent = http.patch("/Groups/" + ops,
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + backend + "\"}]}]}")
                .assertError(400, "invalidValue");
        assertTrue(secondParent.json().path("detail").asText().contains("one parent"), secondParent.body());
        http.patch("/Groups/" + backend,
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + eng + "\"}]}]}")
                .assertError(400, "invalidValue");
        assertEquals("/eng/backend", fixture.realmResource().groups().group(backend).toRepresentation().getPath());
    }

    @Test
    void patchMembersAddAndRemoveWithValueFilterAndOktaShape(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String a = userId(http, "user-a1");
        String b = userId(http, "user-b1");
        String c = userId(http, "user-c1");
        String id = http.post("/Groups", group("team", "t", a)).assertStatus(201).json().path("id").asText();
        // a PATCH answers 204 without the group, as Entra ID and Okta expect
        ScimHttp.Reply added = http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b
                + "\"},{\"value\":\"" + c + "\"}]}]}").assertStatus(204);
        assertEquals("", added.body());
        assertEquals(List.of(a, b, c), memberIds(http.get("/Groups/" + id).json()));
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"}]}")
                .assertStatus(204);
        // Okta: remove with a value array
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + c + "\"}]}]}")
                .assertStatus(204);
        assertEquals(List.of(a), memberIds(http.get("/Groups/" + id).json()));
        // Entra: replace without path renames in place
        ScimHttp.Reply renaming = http.patch("/Groups/" + id,
                "{\"Operations\":[{\"op\":\"Replace\",\"value\":{\"id\":\"" + id + "\",\"displayName\":\"team-renamed\"}}]}")
                .assertStatus(204);
        ScimHttp.Reply renamed = http.get("/Groups/" + id).assertStatus(200);
        assertEquals(renamed.header("ETag"), renaming.header("ETag"), "the 204 of a rename carries the new version");
        assertEquals("team-renamed", renamed.json().path("displayName").asText());
        assertEquals(List.of(a), memberIds(renamed.json()), "rename keeps members");
        assertEquals("team-renamed", fixture.realmResource().groups().group(id).toRepresentation().getName());
        JsonNode lean = http.patch("/Groups/" + id + "?excludedAttributes=members",
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}]}")
                .assertStatus(200).json();
        assertNull(lean.get("members"), "excludedAttributes asks for the group in the answer, without members");
        assertEquals("team-renamed", lean.path("displayName").asText());
        JsonNode full = http.patch("/Groups/" + id + "?attributes=members",
                "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + c + "\"}]}]}")
                .assertStatus(200).json();
        assertEquals(List.of(a, b, c), memberIds(full), "attributes asks for the group in the answer");
        assertEquals(List.of(a, b, c), memberIds(http.get("/Groups/" + id).json()));
    }

    /**
     * Adding a member that is one already, or removing one that is not, changes nothing: the version stays. A user who
     * is a member of a sub-group only is not a member of the group: adding it makes it one.
     */
    @Test
    void memberAddsAndRemovesThatChangeNothingKeepTheVersion(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        String a = userId(http, "user-a7");
        String b = userId(http, "user-b7");
        String sub = http.post("/Groups", group("sub7", "s", b)).assertStatus(201).json().path("id").asText();
        String id = http.post("/Groups", group("top7", "t", a, sub)).assertStatus(201).json().path("id").asText();
        String before = http.get("/Groups/" + id).header("ETag");
        http.patch("/Groups/" + id, addMembers(a)).assertStatus(204);
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + b + "\\\"]\"}]}")
                .assertStatus(204);
        assertEquals(before, http.get("/Groups/" + id).header("ETag"));
        http.patch("/Groups/" + id, addMembers(b)).assertStatus(204);
        ScimHttp.Reply after = http.get("/Groups/" + id);
        assertEquals(List.of(a, b, sub), memberIds(after.json()));
        assertNotEquals(before, after.header("ETag"));
        assertEquals(List.of(b), memberIds(http.get("/Groups/" + sub).json()), "still in the sub-group");
    }

    /**
     * Member changes are written past Keycloak's user cache (its own check would load all groups of the user first), so
     * the cache must still drop the user: the admin API's view of the user's groups, cached before, follows them.
     */
    @Test
    void memberChangesReachKeycloaksUserCache(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String user = userId(http, "user-c8");
        String id = http.post("/Groups", group("cached8", "c")).assertStatus(201).json().path("id").asText();
        UserResource admin = fixture.realmResource().users().get(user);
        assertEquals(List.of(), groupNames(admin), "reading the groups puts them into Keycloak's user cache");
        http.patch("/Groups/" + id, addMembers(user)).assertStatus(204);
        assertEquals(List.of("cached8"), groupNames(admin));
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user + "\\\"]\"}]}")
                .assertStatus(204);
        assertEquals(List.of(), groupNames(admin));
    }

    private static List<String> groupNames(UserResource user) {
        return user.groups().stream().map(GroupRepresentation::getName).toList();
    }

    @Test
    void putReplacesMembersByDifference(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        String a = userId(http, "user-a2");
        String b = userId(http, "user-b2");
        JsonNode created = http.post("/Groups", group("g2", "x", a)).assertStatus(201).json();
        String id = created.path("id").asText();
        JsonNode replaced = http.put("/Groups/" + id, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"g2\",\"members\":[{\"value\":\"" + b + "\"}]}").assertStatus(200).json();
        assertEquals(List.of(b), memberIds(replaced));
        assertFalse(replaced.has("externalId"), "PUT clears omitted externalId");
        assertTrue(!replaced.at("/meta/version").asText().equals(created.at("/meta/version").asText()));
    }

    /**
     * A membership change is a new version of the group (ETag, If-Match, If-None-Match) and moves meta.lastModified,
     * which filters and sorting see; a new group's lastModified is its creation time.
     */
    @Test
    void membershipChangesMoveVersionAndLastModified(KeycloakServer kc) throws InterruptedException {
        ScimHttp http = ScimFixture.create(kc).http();
        String a = userId(http, "user-a5");
        String b = userId(http, "user-b5");
        JsonNode created = http.post("/Groups", group("versioned", "v")).assertStatus(201).json();
        String id = created.path("id").asText();
        assertEquals(created.at("/meta/created").asText(), created.at("/meta/lastModified").asText());
        String v0 = created.at("/meta/version").asText();
        String other = http.post("/Groups", group("untouched", "u")).assertStatus(201).json().path("id").asText();
        Thread.sleep(5);
        ScimHttp.Reply first = http.send("PATCH", "/Groups/" + id + "?excludedAttributes=members", addMembers(a),
                Map.of("If-Match", v0)).assertStatus(200);
        String v1 = first.header("ETag");
        assertEquals(v1, first.json().at("/meta/version").asText());
        assertNotEquals(v0, v1);
        assertNotEquals(created.at("/meta/lastModified").asText(), first.json().at("/meta/lastModified").asText());
        // at once a second change (possibly within the same millisecond), a plain add: still a version of its own
        http.patch("/Groups/" + id, addMembers(b)).assertStatus(204);
        String v2 = http.get("/Groups/" + id).header("ETag");
        assertNotEquals(v1, v2);
        http.send("PATCH", "/Groups/" + id, addMembers(a), Map.of("If-Match", v1)).assertError(412, null);
        ScimHttp.Reply current = http.get("/Groups/" + id).assertStatus(200);
        assertEquals(v2, current.header("ETag"));
        assertEquals(List.of(a, b), memberIds(current.json()));
        http.send("GET", "/Groups/" + id, null, Map.of("If-None-Match", v2)).assertStatus(304);
        String changedAt = current.json().at("/meta/lastModified").asText();
        JsonNode since = http.get("/Groups?filter=" + enc("meta.lastModified ge \"" + changedAt + "\"")).json();
        assertEquals(List.of(id), ids(since));
        JsonNode newestFirst = http.get("/Groups?sortBy=meta.lastModified&sortOrder=descending&excludedAttributes=members").json();
        assertEquals(List.of(id, other), ids(newestFirst));
    }

    private static String addMembers(String... userIds) {
        StringBuilder values = new StringBuilder();
        for (String userId : userIds) {
            values.append(values.isEmpty() ? "" : ",").append("{\"value\":\"").append(userId).append("\"}");
        }
        return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[" + values + "]}]}";
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void failedRequestsLeaveNothingBehind(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String a = userId(http, "user-a3");
        http.post("/Groups", group("half", "h", a, "no-such-member")).assertError(400, "invalidValue");
        assertTrue(fixture.realmResource().groups().groups("half", 0, 10).isEmpty(), "group was not created");
        assertTrue(fixture.realmResource().users().get(a).groups().isEmpty());
        String id = http.post("/Groups", group("whole", "w")).assertStatus(201).json().path("id").asText();
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a
                + "\"}]},{\"op\":\"replace\",\"path\":\"nonsense\",\"value\":\"x\"}]}").assertError(400, "invalidPath");
        assertTrue(fixture.realmResource().users().get(a).groups().isEmpty(), "first operation rolled back with the second");
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + a
                + "\"}]},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"no-such-member\"}]}]}")
                .assertError(400, "invalidValue");
        assertTrue(fixture.realmResource().users().get(a).groups().isEmpty(), "an add rolled back with a failing add");
    }

    @Test
    void errorsOnGroups(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        http.post("/Groups", group("dup", "1")).assertStatus(201);
        http.post("/Groups", group("dup", "2")).assertError(409, "uniqueness");
        http.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"]}").assertError(400, "invalidValue");
        http.post("/Groups", "{\"displayName\":\"x\"}").assertError(400, "invalidValue");
        http.get("/Groups/nope").assertError(404, null);
        String id = http.post("/Groups", group("solo", "s")).assertStatus(201).json().path("id").asText();
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"displayName\"}]}").assertError(400, "mutability");
        http.patch("/Groups/" + id, "{\"Operations\":[{\"op\":\"remove\",\"path\":\"members[display eq \\\"x\\\"]\"}]}")
                .assertError(400, "invalidFilter");
    }

    @Test
    void listFilterAndExcludedMembers(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        String a = userId(http, "user-a4");
        http.post("/Groups", group("Alpha", "ID-1", a)).assertStatus(201);
        http.post("/Groups", group("Beta", "ID-2", a)).assertStatus(201);
        JsonNode alpha = http.get("/Groups?filter=" + enc("displayName eq \"alpha\"")).assertStatus(200).json();
        assertEquals(1, alpha.path("totalResults").asInt());
        assertEquals(List.of(a), memberIds(alpha.at("/Resources/0")));
        assertEquals("Beta", http.get("/Groups?filter=" + enc("externalId eq \"ID-2\"")).json().at("/Resources/0/displayName").asText());
        JsonNode withoutMembers = http.get("/Groups?excludedAttributes=members").json();
        assertEquals(2, withoutMembers.path("totalResults").asInt());
        withoutMembers.path("Resources").forEach(g -> assertNull(g.get("members")));
        JsonNode byMember = http.get("/Groups?excludedAttributes=members&filter=" + enc("members.value eq \"" + a + "\"")).json();
        assertEquals(2, byMember.path("totalResults").asInt(), byMember.toString());
        http.get("/Groups?filter=" + enc("members.display eq \"user-a4\"")).assertError(400, "invalidFilter");
    }

    /** The total is the same whether it comes from a count query (full or empty page) or from a short last page. */
    @Test
    void pagesReportTheTotal(KeycloakServer kc) {
        ScimHttp http = ScimFixture.create(kc).http();
        for (String name : List.of("g1", "g2", "g3")) {
            http.post("/Groups", group(name, name)).assertStatus(201);
        }
        JsonNode full = http.get("/Groups?excludedAttributes=members&startIndex=2&count=1").assertStatus(200).json();
        assertEquals(3, full.path("totalResults").asInt(), full.toString());
        assertEquals("g2", full.at("/Resources/0/displayName").asText());
        JsonNode partial = http.get("/Groups?excludedAttributes=members&startIndex=3&count=2").assertStatus(200).json();
        assertEquals(3, partial.path("totalResults").asInt(), partial.toString());
        assertEquals(1, partial.path("itemsPerPage").asInt());
        assertEquals("g3", partial.at("/Resources/0/displayName").asText());
        assertEquals(3, http.get("/Groups?count=0").json().path("totalResults").asInt());
        JsonNode beyondTheEnd = http.get("/Groups?startIndex=5&count=2").assertStatus(200).json();
        assertEquals(3, beyondTheEnd.path("totalResults").asInt());
        assertEquals(0, beyondTheEnd.path("Resources").size());
        JsonNode filtered = http.get("/Groups?filter=" + enc("displayName sw \"g\"") + "&count=10").json();
        assertEquals(3, filtered.path("totalResults").asInt());
    }

    @Test
    void deletingAGroupKeepsItsMemberGroups(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp http = fixture.http();
        String child = http.post("/Groups", group("child", "c")).assertStatus(201).json().path("id").asText();
        String parent = http.post("/Groups", group("parent", "p", child)).assertStatus(201).json().path("id").asText();
        http.delete("/Groups/" + parent).assertStatus(204);
        http.get("/Groups/" + parent).assertError(404, null);
        assertEquals("/child", fixture.realmResource().groups().group(child).toRepresentation().getPath());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

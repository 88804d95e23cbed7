package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.RealmFixtures;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A SCIM client scoped to a root group ({@code scim.scope.root} = {@code /tenants/acme}) sees and changes only the groups
 * below the root and their members; the rest of the realm (e.g. {@code /admins}) does not exist for it.
 * Realm: /tenants/acme/eng = {ann}; /admins = {root-admin, ann}; /tenants/other = {olga}.
 */
@KeycloakIntegrationTest
class ScimClientScopeIT {

    private static final String ROOT_PATH = "/tenants/acme";

    /** The realm as described above, an unscoped SCIM client and a scoped one. */
    private record Tenant(ScimFixture fixture, ScimHttp admin, ScimHttp scoped, String root, String eng, String admins,
                          String ann, String rootAdmin) {
        RealmResource realm() {
            return fixture.realmResource();
        }
    }

    private static Tenant tenant(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        RealmResource realm = fixture.realmResource();
        String tenants = topGroup(realm, "tenants");
        String root = subGroup(realm, tenants, "acme");
        String eng = subGroup(realm, root, "eng");
        String other = subGroup(realm, tenants, "other");
        String admins = topGroup(realm, "admins");
        String ann = RealmFixtures.createUser(realm, "ann", "pw-ann-1", "ann@acme.example", "Ann", "Acme");
        String rootAdmin = RealmFixtures.createUser(realm, "root-admin", "pw-admin-1", "admin@corp.example", "Root", "Admin");
        String olga = RealmFixtures.createUser(realm, "olga", "pw-olga-1", "olga@other.example", "Olga", "Other");
        realm.users().get(ann).joinGroup(eng);
        realm.users().get(ann).joinGroup(admins);
        realm.users().get(rootAdmin).joinGroup(admins);
        realm.users().get(olga).joinGroup(other);
        ScimFixture scoped = fixture.addServiceAccountClient("acme-scim", true);
        scopeClient(realm, "acme-scim", ROOT_PATH);
        return new Tenant(fixture, fixture.http(), scoped.http(), root, eng, admins, ann, rootAdmin);
    }

    private static void scopeClient(RealmResource realm, String clientId, String rootPath) {
        ClientRepresentation client = realm.clients().findByClientId(clientId).get(0);
        if (client.getAttributes() == null) {
            client.setAttributes(new HashMap<>());
        }
        client.getAttributes().put("scim.scope.root", rootPath);
        realm.clients().get(client.getId()).update(client);
    }

    private static String topGroup(RealmResource realm, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.groups().add(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static String subGroup(RealmResource realm, String parentId, String name) {
        GroupRepresentation group = new GroupRepresentation();
        group.setName(name);
        try (Response response = realm.groups().group(parentId).subGroup(group)) {
            return CreatedResponseUtil.getCreatedId(response);
        }
    }

    private static List<String> names(ScimHttp http, String endpoint, String attribute, String filter) {
        JsonNode list = http.get("/" + endpoint + (filter == null ? "" : "?filter=" + enc(filter))).assertStatus(200).json();
        List<String> names = new ArrayList<>();
        list.path("Resources").forEach(r -> names.add(r.path(attribute).asText()));
        assertEquals(names.size(), list.path("totalResults").asInt(), list.toString());
        return names;
    }

    private static String patchMembers(String op, String memberId) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"%s","path":"members","value":[{"value":"%s"}]}]}""".formatted(op, memberId);
    }

    @Test
    void listsAndFiltersShowOnlyTheScope(KeycloakServer kc) {
        Tenant t = tenant(kc);
        assertEquals(List.of("ann"), names(t.scoped(), "Users", "userName", null));
        assertEquals(List.of("eng"), names(t.scoped(), "Groups", "displayName", null));
        assertEquals(List.of(), names(t.scoped(), "Users", "userName", "userName eq \"root-admin\""));
        assertEquals(List.of(), names(t.scoped(), "Users", "userName", "groups.display eq \"admins\""));
        assertEquals(List.of(), names(t.scoped(), "Groups", "displayName", "displayName eq \"admins\""));
        assertEquals(List.of(), names(t.scoped(), "Groups", "displayName", "members.value eq \"" + t.rootAdmin() + "\""));
        JsonNode ann = t.scoped().get("/Users/" + t.ann()).assertStatus(200).json();
        assertEquals(1, ann.path("groups").size(), "groups outside the scope are not shown: " + ann);
        assertEquals(t.eng(), ann.at("/groups/0/value").asText());
        // an unscoped client sees the whole realm
        assertTrue(names(t.admin(), "Users", "userName", null).containsAll(List.of("ann", "olga", "root-admin")));
        assertTrue(names(t.admin(), "Groups", "displayName", null).containsAll(List.of("acme", "admins", "eng", "other", "tenants")));
    }

    @Test
    void outOfScopeResourcesAre404AndStayUntouched(KeycloakServer kc) {
        Tenant t = tenant(kc);
        t.scoped().get("/Users/" + t.rootAdmin()).assertError(404, null);
        t.scoped().put("/Users/" + t.rootAdmin(), ScimUsersIT.user("root-admin")).assertError(404, null);
        t.scoped().patch("/Users/" + t.rootAdmin(), """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""")
                .assertError(404, null);
        t.scoped().delete("/Users/" + t.rootAdmin()).assertError(404, null);
        t.scoped().get("/Groups/" + t.admins()).assertError(404, null);
        t.scoped().get("/Groups/" + t.root()).assertError(404, null); // the root is the container, not a Group of the client
        t.scoped().delete("/Groups/" + t.admins()).assertError(404, null);
        t.scoped().patch("/Groups/" + t.admins(), patchMembers("add", t.ann())).assertError(404, null);
        assertTrue(t.realm().users().get(t.rootAdmin()).toRepresentation().isEnabled());
        assertEquals(2, t.realm().groups().group(t.admins()).members().size());
    }

    @Test
    void createdUsersAndGroupsLandUnderTheRoot(KeycloakServer kc) {
        Tenant t = tenant(kc);
        String user = t.scoped().post("/Users", ScimUsersIT.user("newbie")).assertStatus(201).json().path("id").asText();
        assertEquals(List.of(ROOT_PATH), t.realm().users().get(user).groups().stream().map(GroupRepresentation::getPath).toList());
        assertEquals(0, t.scoped().get("/Users/" + user).assertStatus(200).json().path("groups").size());
        assertTrue(names(t.scoped(), "Users", "userName", null).contains("newbie"));

        String sales = t.scoped().post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"sales","members":[{"value":"%s"}]}"""
                .formatted(user)).assertStatus(201).json().path("id").asText();
        assertEquals(ROOT_PATH + "/sales", t.realm().groups().group(sales).toRepresentation().getPath());
        assertEquals(List.of("eng", "sales"), names(t.scoped(), "Groups", "displayName", null));
        t.admin().get("/Groups/" + sales).assertStatus(200);
    }

    @Test
    void membersOutsideTheScopeCannotBeAdded(KeycloakServer kc) {
        Tenant t = tenant(kc);
        t.scoped().patch("/Groups/" + t.eng(), patchMembers("add", t.rootAdmin())).assertError(400, "invalidValue");
        t.scoped().patch("/Groups/" + t.eng(), patchMembers("add", t.admins())).assertError(400, "invalidValue");
        t.scoped().patch("/Groups/" + t.eng(), patchMembers("add", t.root())).assertError(400, "invalidValue");
        assertEquals(1, t.realm().groups().group(t.eng()).members().size());
        assertEquals("/admins", t.realm().groups().group(t.admins()).toRepresentation().getPath());

        // a member group detached from its parent goes back under the root, not to the realm's top level
        String sub = t.scoped().post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"sub"}""").assertStatus(201)
                .json().path("id").asText();
        t.scoped().patch("/Groups/" + t.eng(), patchMembers("add", sub)).assertStatus(204);
        assertEquals(ROOT_PATH + "/eng/sub", t.realm().groups().group(sub).toRepresentation().getPath());
        t.scoped().patch("/Groups/" + t.eng(), patchMembers("remove", sub)).assertStatus(204);
        assertEquals(ROOT_PATH + "/sub", t.realm().groups().group(sub).toRepresentation().getPath());
        t.scoped().patch("/Groups/" + t.eng(), patchMembers("add", sub)).assertStatus(204);
        t.scoped().delete("/Groups/" + t.eng()).assertStatus(204);
        assertEquals(ROOT_PATH + "/sub", t.realm().groups().group(sub).toRepresentation().getPath());
    }

    @Test
    void aStaticTokenOfTheClientHasItsScope(KeycloakServer kc) {
        Tenant t = tenant(kc);
        ScimFixture tokenAdmin = t.fixture().addServiceAccountClient("token-admin", false)
                .grantClientRole("realm-management", "manage-clients");
        String token = new ScimHttp(t.fixture().scimTokensUrl("acme-scim"), tokenAdmin.accessToken()).post("", "")
                .assertStatus(201).json().path("token").asText();
        ScimHttp staticToken = new ScimHttp(t.fixture().scimUrl(), token);
        assertEquals(List.of("ann"), names(staticToken, "Users", "userName", null));
        staticToken.get("/Users/" + t.rootAdmin()).assertError(404, null);
    }

    @Test
    void aMissingRootGroupLocksTheClientOut(KeycloakServer kc) {
        Tenant t = tenant(kc);
        ScimFixture lost = t.fixture().addServiceAccountClient("lost-scim", true);
        scopeClient(t.realm(), "lost-scim", "/tenants/nowhere");
        ScimHttp http = lost.http();
        http.get("/Users").assertError(403, null);
        http.post("/Users", ScimUsersIT.user("ghost")).assertError(403, null);
        assertNotNull(t.realm().users().get(t.rootAdmin()).toRepresentation());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

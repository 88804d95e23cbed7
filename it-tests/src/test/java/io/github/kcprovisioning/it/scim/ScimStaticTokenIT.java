package io.github.kcprovisioning.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Long-lived SCIM tokens per client (what Entra ID's "Secret token" field needs): issue, use, rotate, revoke. */
@KeycloakIntegrationTest
class ScimStaticTokenIT {

    private static ScimHttp tokenAdmin(ScimFixture fixture) {
        ScimFixture admin = fixture.addServiceAccountClient("token-admin", false).grantClientRole("realm-management", "manage-clients");
        return new ScimHttp(fixture.scimTokensUrl("scim-client"), admin.accessToken());
    }

    @Test
    void issuedTokenAuthenticatesAsTheClientUntilRevoked(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        RealmRepresentation realm = fixture.realmResource().toRepresentation();
        realm.setAdminEventsEnabled(true);
        fixture.realmResource().update(realm);
        ScimHttp admin = tokenAdmin(fixture);
        JsonNode issued = admin.post("", "").assertStatus(201).json();
        String token = issued.path("token").asText();
        assertTrue(token.startsWith("kcscim_"), issued.toString());

        ScimHttp scim = new ScimHttp(fixture.scimUrl(), token);
        String id = scim.post("/Users", ScimUsersIT.user("static")).assertStatus(201).json().path("id").asText();
        String clientUuid = fixture.realmResource().clients().findByClientId("scim-client").get(0).getId();
        List<AdminEventRepresentation> events = fixture.realmResource().getAdminEvents();
        assertTrue(events.stream().anyMatch(e -> ("users/" + id).equals(e.getResourcePath())
                && clientUuid.equals(e.getAuthDetails().getClientId())), "admin event names the SCIM client");

        JsonNode listed = admin.get("").assertStatus(200).json();
        assertEquals(1, listed.size());
        assertEquals(issued.path("id").asText(), listed.path(0).path("id").asText());
        assertFalse(listed.toString().contains(token), "the secret is shown once, never listed");

        admin.delete("/" + issued.path("id").asText()).assertStatus(204);
        scim.get("/Users").assertError(401, null);
        admin.delete("/" + issued.path("id").asText()).assertError(404, null);
    }

    @Test
    void rotationKeepsTheNewTokenWorking(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp admin = tokenAdmin(fixture);
        JsonNode first = admin.post("", "").assertStatus(201).json();
        JsonNode second = admin.post("", "").assertStatus(201).json();
        admin.delete("/" + first.path("id").asText()).assertStatus(204);
        new ScimHttp(fixture.scimUrl(), first.path("token").asText()).get("/Users").assertError(401, null);
        new ScimHttp(fixture.scimUrl(), second.path("token").asText()).get("/Users").assertStatus(200);
    }

    @Test
    void tokensAreBoundToRealmClientAndRole(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimFixture tokenAdmin = fixture.addServiceAccountClient("token-admin", false)
                .grantClientRole("realm-management", "manage-clients");
        String token = new ScimHttp(fixture.scimTokensUrl("scim-client"), tokenAdmin.accessToken())
                .post("", "").assertStatus(201).json().path("token").asText();
        ScimFixture otherRealm = ScimFixture.create(kc);
        new ScimHttp(otherRealm.scimUrl(), token).get("/Users").assertError(401, null);
        new ScimHttp(fixture.scimUrl(), token + "x").get("/Users").assertError(401, null);
        new ScimHttp(fixture.scimUrl(), "kcscim_forged").get("/Users").assertError(401, null);

        fixture.addServiceAccountClient("no-role", false);
        String noRoleToken = new ScimHttp(fixture.scimTokensUrl("no-role"), tokenAdmin.accessToken())
                .post("", "").assertStatus(201).json().path("token").asText();
        new ScimHttp(fixture.scimUrl(), noRoleToken).get("/Users").assertError(403, null);
    }

    /**
     * As for Keycloak's admin REST API, a master-realm administrator manages another realm's tokens with the roles of that
     * realm's {@code <realm>-realm} client in the master realm; administrators of any third realm are strangers.
     */
    @Test
    void masterAdministratorsManageTokensWithTheirRolesForTheRealm(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimFixture masterAdmin = ScimFixture.serviceAccountClient(kc, "master", "tokens-" + fixture.realm())
                .grantClientRole(fixture.realm() + "-realm", "manage-clients");
        ScimFixture masterUserWithoutRoles = ScimFixture.serviceAccountClient(kc, "master", "no-roles-" + fixture.realm());
        try {
            ScimHttp admin = new ScimHttp(fixture.scimTokensUrl("scim-client"), masterAdmin.accessToken());
            JsonNode issued = admin.post("", "").assertStatus(201).json();
            ScimHttp scim = new ScimHttp(fixture.scimUrl(), issued.path("token").asText());
            scim.get("/Users").assertStatus(200);
            assertEquals(issued.path("id").asText(), admin.get("").assertStatus(200).json().path(0).path("id").asText());

            new ScimHttp(fixture.scimTokensUrl("scim-client"), masterUserWithoutRoles.accessToken()).post("", "").assertError(403, null);
            ScimFixture thirdRealm = ScimFixture.create(kc);
            String thirdRealmAdmin = thirdRealm.addServiceAccountClient("token-admin", false)
                    .grantClientRole("realm-management", "manage-clients").accessToken();
            new ScimHttp(fixture.scimTokensUrl("scim-client"), thirdRealmAdmin).post("", "").assertError(401, null);
            new ScimHttp(fixture.scimTokensUrl("scim-client"), thirdRealmAdmin).get("").assertError(401, null);

            admin.delete("/" + issued.path("id").asText()).assertStatus(204);
            scim.get("/Users").assertError(401, null);
        } finally {
            masterAdmin.removeClient();
            masterUserWithoutRoles.removeClient();
        }
    }

    @Test
    void managingTokensNeedsManageClients(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        new ScimHttp(fixture.scimTokensUrl("scim-client"), fixture.accessToken()).post("", "").assertError(403, null);
        new ScimHttp(fixture.scimTokensUrl("scim-client"), null).post("", "").assertError(401, null);
        String adminToken = fixture.addServiceAccountClient("token-admin", false)
                .grantClientRole("realm-management", "manage-clients").accessToken();
        new ScimHttp(fixture.scimTokensUrl("no-such-client"), adminToken).post("", "").assertError(404, null);
    }
}

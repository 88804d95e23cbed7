package io.github.kcprovisioning.it.scim;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every SCIM call needs a bearer token of the same realm whose client holds the configured role. */
@KeycloakIntegrationTest
class ScimAuthIT {

    @Test
    void missingTokenIs401WithChallenge(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimHttp.Reply reply = fixture.http().withToken(null).get("/Users").assertError(401, null);
        assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply.headers().toString());
    }

    @Test
    void garbageTokenIs401(KeycloakServer kc) {
        ScimFixture.create(kc).http().withToken("not-a-jwt").get("/ServiceProviderConfig").assertError(401, null);
    }

    @Test
    void tamperedTokenIs401(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        String token = fixture.accessToken();
        String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        fixture.http().withToken(tampered).get("/Users").assertError(401, null);
    }

    @Test
    void clientWithoutRoleIs403(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        ScimFixture noRole = fixture.addServiceAccountClient("no-role", false);
        noRole.http().get("/Users").assertError(403, null);
        noRole.http().post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"x\"}")
                .assertError(403, null);
        assertEquals(0, fixture.realmResource().users().search("x").size(), "nothing written by a forbidden call");
    }

    @Test
    void tokenOfAnotherRealmIs401(KeycloakServer kc) {
        ScimFixture realmA = ScimFixture.create(kc);
        ScimFixture realmB = ScimFixture.create(kc);
        realmB.http().withToken(realmA.accessToken()).get("/Users").assertError(401, null);
    }

    /** a master administrator may manage the realm (and its SCIM tokens), but SCIM data is only for the realm's own tokens */
    @Test
    void masterAdministratorTokenIs401(KeycloakServer kc) {
        ScimFixture fixture = ScimFixture.create(kc);
        String masterAdminToken = kc.admin().tokenManager().getAccessTokenString();
        fixture.http().withToken(masterAdminToken).get("/Users").assertError(401, null);
        fixture.http().withToken(masterAdminToken).get("/ServiceProviderConfig").assertError(401, null);
    }

    @Test
    void authenticationIsCheckedBeforeTheBodyIsRead(KeycloakServer kc) {
        ScimFixture.create(kc).http().withToken(null)
                .send("POST", "/Users", "{not json", Map.of()).assertError(401, null);
    }
}

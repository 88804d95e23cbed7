package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import io.github.kcprovisioning.it.harness.LoginResult;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jit-user-attributes} through a real upstream Keycloak realm acting as OIDC identity provider. */
@KeycloakIntegrationTest
class UserAttributesOidcIT {

    private static final String MAPPINGS = """
            [{"template": "${given_name}.${family_name}", "target": "username", "transform": "lower"},
             {"claim": "email", "target": "email", "transform": ["trim", "lower"], "required": true},
             {"claim": "family_name", "target": "lastName", "transform": "upper"},
             {"claim": "org.department", "target": "department", "transform": "trim"},
             {"claim": "employee", "target": "employeeNumber", "transform": [{"regex": "^E-", "replacement": ""}], "required": true}]""";

    @Test
    void firstLoginCreatesTheUserFromClaimsAndTheNextLoginUpdatesIt(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.declareBrokerAttributes("department", "employeeNumber");
        jit.extraClaim("org", "{\"department\": \" Research \"}");
        jit.extraClaim("employee", "\"E-042\"");
        jit.attributesMapper(MAPPINGS, Map.of());
        String upstreamId = jit.upstreamUser("ann", "Ann.Lee@Example.org", "Ann", "Lee");

        jit.loginOk("ann");

        UserRepresentation user = jit.brokerUser("ann.lee");
        assertEquals("ann.lee@example.org", user.getEmail());
        assertEquals("LEE", user.getLastName());
        assertEquals(List.of("Research"), user.getAttributes().get("department"));
        assertEquals(List.of("042"), user.getAttributes().get("employeeNumber"));

        UserRepresentation upstream = jit.upstream().users().get(upstreamId).toRepresentation();
        upstream.setLastName("Lee-Smith");
        jit.upstream().users().get(upstreamId).update(upstream);
        jit.loginOk("ann");

        UserRepresentation updated = jit.brokerUser("ann.lee");
        assertEquals("LEE-SMITH", updated.getLastName(), "sync mode force updates on every login");
        assertEquals(user.getId(), updated.getId(), "the username is not re-derived on later logins");
    }

    @Test
    void aMissingRequiredClaimRefusesTheLoginWithTheThemedPageWhenSoConfigured(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.declareBrokerAttributes("employeeNumber");
        jit.attributesMapper("[{\"claim\": \"employee_id\", \"target\": \"employeeNumber\", \"required\": true}]",
                Map.of("on.problem", "deny"));
        jit.upstreamUser("bert");

        LoginResult denied = jit.login("bert");

        assertFalse(denied.succeeded());
        assertEquals(403, denied.finalPage().status());
        assertTrue(denied.errorMessage().orElse("").contains("did not send the required information \"employee_id\""),
                () -> "page: " + denied.page().text());
        assertNull(jit.brokerUser("bert"), "nothing is created for a refused login");
    }

    @Test
    void aWrongTypeIsSkippedWithAWarningWhenSoConfigured(KeycloakServer server) throws Exception {
        JitFixture jit = JitFixture.oidc(server);
        jit.declareBrokerAttributes("department");
        jit.extraClaim("org", "{\"department\": {\"nested\": \"object\"}}");
        jit.attributesMapper("[{\"claim\": \"org.department\", \"target\": \"department\"},"
                + " {\"claim\": \"given_name\", \"target\": \"firstName\", \"transform\": \"upper\"}]", Map.of());
        jit.upstreamUser("cleo");

        jit.loginOk("cleo");

        UserRepresentation user = jit.brokerUser("cleo");
        assertEquals("FIRSTCLEO", user.getFirstName(), "the other mappings still apply");
        assertNull(user.getAttributes() == null ? null : user.getAttributes().get("department"));
        String log = Files.readString(server.logFile());
        assertTrue(log.contains("claim 'org.department' for 'department' is an object where text is expected; field left unchanged"));
    }

    @Test
    void anAttributeUnknownToTheUserProfileIsRefusedOnSaveWithAClearMessage(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        IdentityProviderMapperRepresentation mapper = JitFixture.mapper("jit-user-attributes", "unknown target",
                Map.of("syncMode", "INHERIT", "mappings", "[{\"claim\": \"x\", \"target\": \"shoeSize\"}]"));
        mapper.setIdentityProviderAlias(jit.idpAlias);

        try (Response response = jit.brokerRealm().identityProviders().get(jit.idpAlias).addMapper(mapper)) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertTrue(body.contains("attribute 'shoeSize' is not defined in the realm's user profile"), body);
        }
    }

    @Test
    void aReadOnlyAttributeIsRefusedOnSaveWithAClearMessage(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.declareBrokerAttributes("badge");
        jit.makeBrokerAttributeReadOnly("badge");
        IdentityProviderMapperRepresentation mapper = JitFixture.mapper("jit-user-attributes", "read-only target",
                Map.of("syncMode", "INHERIT", "mappings", "[{\"claim\": \"x\", \"target\": \"badge\"}]"));
        mapper.setIdentityProviderAlias(jit.idpAlias);

        try (Response response = jit.brokerRealm().identityProviders().get(jit.idpAlias).addMapper(mapper)) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertTrue(body.contains("attribute 'badge' is read-only in the realm's user profile"), body);
        }
        assertTrue(jit.brokerRealm().identityProviders().get(jit.idpAlias).getMappers().isEmpty(), "nothing is stored");
    }

    /** The mapper was valid when saved; then an admin made one target read-only and removed the other from the profile. */
    private static JitFixture mapperWhoseTargetsTheProfileNoLongerAllows(KeycloakServer server, String policy) {
        JitFixture jit = JitFixture.oidc(server);
        jit.declareBrokerAttributes("department", "costCenter");
        jit.extraClaim("org", "{\"department\": \"Research\", \"cost\": \"4711\"}");
        jit.attributesMapper("[{\"claim\": \"org.department\", \"target\": \"department\"},"
                + " {\"claim\": \"org.cost\", \"target\": \"costCenter\"},"
                + " {\"claim\": \"given_name\", \"target\": \"firstName\", \"transform\": \"upper\"}]",
                Map.of("on.problem", policy));
        jit.makeBrokerAttributeReadOnly("department");
        jit.changeBrokerProfile(config -> config.removeAttribute("costCenter"));
        return jit;
    }

    @Test
    void targetsTheProfileNoLongerAllowsAreSkippedWithAWarningAtLogin(KeycloakServer server) throws Exception {
        JitFixture jit = mapperWhoseTargetsTheProfileNoLongerAllows(server, "skip");
        jit.upstreamUser("dora");

        jit.loginOk("dora");

        UserRepresentation user = jit.brokerUser("dora");
        assertEquals("FIRSTDORA", user.getFirstName(), "the other mappings still apply");
        Map<String, List<String>> attributes = user.getAttributes() == null ? Map.of() : user.getAttributes();
        assertNull(attributes.get("department"));
        assertNull(attributes.get("costCenter"));
        String log = Files.readString(server.logFile());
        assertTrue(log.contains("claim 'org.department' for 'department' is attribute 'department' is read-only"), "read-only logged");
        assertTrue(log.contains("claim 'org.cost' for 'costCenter' is attribute 'costCenter' is not defined in the realm's user profile"),
                "unknown logged");
    }

    @Test
    void targetsTheProfileNoLongerAllowsRefuseTheLoginWithTheThemedPageUnderDeny(KeycloakServer server) {
        JitFixture jit = mapperWhoseTargetsTheProfileNoLongerAllows(server, "deny");
        jit.upstreamUser("emil");

        LoginResult denied = jit.login("emil");

        assertFalse(denied.succeeded());
        assertEquals(403, denied.finalPage().status(), "a themed refusal, not a 500");
        assertTrue(denied.errorMessage().orElse("").contains("The information \"org.department\" sent by your identity provider"
                + " is not valid"), () -> "page: " + denied.page().text());
        assertNull(jit.brokerUser("emil"), "nothing is created for a refused login");
    }
}

package io.github.kcprovisioning.it.jit;

import io.github.kcprovisioning.it.harness.KeycloakIntegrationTest;
import io.github.kcprovisioning.it.harness.KeycloakServer;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JIT mapper config that cannot work is refused when saved (admin REST, as the admin console does it). */
@KeycloakIntegrationTest
class MapperConfigValidationIT {

    @Test
    void aBadRegexAndAMissingRootAreRefusedOnCreateAndNothingIsStored(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        IdentityProviderResource idp = jit.brokerRealm().identityProviders().get(jit.idpAlias);
        IdentityProviderMapperRepresentation bad = JitFixture.mapper("jit-external-groups", "bad",
                Map.of("syncMode", "INHERIT", "include.regex", "([a-z"));
        bad.setIdentityProviderAlias(jit.idpAlias);

        try (Response response = idp.addMapper(bad)) {
            String body = response.readEntity(String.class);
            assertEquals(400, response.getStatus(), body);
            assertTrue(body.contains("Managed root group: required"), body);
            assertTrue(body.contains("Include regex: invalid regular expression"), body);
        }
        assertTrue(idp.getMappers().isEmpty(), "the refused mapper is not stored");
    }

    @Test
    void aValidMapperCannotBeUpdatedIntoABrokenOne(KeycloakServer server) {
        JitFixture jit = JitFixture.oidc(server);
        jit.groupsMapper(Map.of());
        IdentityProviderResource idp = jit.brokerRealm().identityProviders().get(jit.idpAlias);
        IdentityProviderMapperRepresentation stored = idp.getMappers().get(0);
        stored.getConfig().put("root.group", "/external/../admins");

        jakarta.ws.rs.BadRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(
                jakarta.ws.rs.BadRequestException.class, () -> idp.update(stored.getId(), stored));

        assertTrue(refused.getResponse().readEntity(String.class).contains("relative path segment"));
        assertEquals(JitFixture.ROOT, idp.getMapperById(stored.getId()).getConfig().get("root.group"));
    }
}

package io.github.kcprovisioning.sync.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;

class ScimTargetConfigTest {

    private static ComponentModel model(String... keyValues) {
        ComponentModel model = new ComponentModel();
        for (int i = 0; i < keyValues.length; i += 2) {
            model.put(keyValues[i], keyValues[i + 1]);
        }
        return model;
    }

    @Test
    void parsesAndTrimsTrailingSlash() {
        ScimTargetConfig config = ScimTargetConfig.of(model("baseUrl", "https://app.example/scim/v2/", "bearerToken", "t0k"));
        assertEquals("https://app.example/scim/v2", config.baseUrl().toString());
        assertEquals(ScimTargetConfig.AuthType.BEARER, config.authType());
        assertEquals(ScimTargetConfig.Deprovision.DELETE, config.deprovision());
        assertEquals(ScimTargetConfig.GroupMode.NESTED, config.groupMode());
    }

    @Test
    void incompleteAuthIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScimTargetConfig.of(model("baseUrl", "https://x", "authType", "OAUTH2_CLIENT_CREDENTIALS", "tokenUrl", "https://t", "clientId", "c")));
        assertEquals("clientSecret is required for this authentication type", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScimTargetConfig.of(model("baseUrl", "ftp://x", "authType", "NONE")));
        assertThrows(IllegalArgumentException.class, () -> ScimTargetConfig.of(model("authType", "NONE")));
    }

    @Test
    void toStringHidesSecrets() {
        ScimTargetConfig config = ScimTargetConfig.of(model("baseUrl", "https://x", "bearerToken", "sup3rsecret"));
        assertFalse(config.toString().contains("sup3rsecret"));
    }

    @Test
    void attributeMappingEntriesMustBePairs() {
        assertEquals(Map.of("title", "jobTitle"), ScimTargetConfig.mapping(List.of("title = jobTitle", " ")));
        assertThrows(IllegalArgumentException.class, () -> ScimTargetConfig.mapping(List.of("title")));
        assertThrows(IllegalArgumentException.class, () -> ScimTargetConfig.mapping(List.of("title=")));
        assertEquals(Map.of("enterprise:department", "dept"), ScimTargetConfig.mapping(List.of("enterprise:department=dept")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScimTargetConfig.mapping(List.of("password=secret")));
        assertEquals("attributeMapping: 'password' is not a mappable SCIM user attribute", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScimTargetConfig.mapping(List.of("enterprise:manager=boss")));
    }
}

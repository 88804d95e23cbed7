package io.github.kcprovisioning.jit.attributes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kcprovisioning.jit.InvalidMapperConfigException;
import io.github.kcprovisioning.jit.claims.ClaimSource;
import io.github.kcprovisioning.jit.claims.OidcClaimSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAttributesConfigTest {

    private static ClaimSource claims(String json) throws Exception {
        return OidcClaimSource.of(List.of(new ObjectMapper().readTree(json)));
    }

    private static List<AttributeMapping> mappings(String json) {
        return UserAttributesConfig.parse(Map.of("mappings", json)).mappings();
    }

    @Test
    void claimsTemplatesAndTransformsProduceTheValues() throws Exception {
        List<AttributeMapping> rows = mappings("""
                [{"claim": "email", "target": "email", "transform": ["trim", "lower"]},
                 {"template": "${given_name}.${family_name}", "target": "username", "transform": "lower"},
                 {"claim": "employee", "target": "employeeNumber", "transform": [{"regex": "^E-(\\\\d+)$", "replacement": "$1"}]},
                 {"claim": "address.locality", "target": "city"},
                 {"claim": "roles", "target": "roles"},
                 {"claim": "active", "target": "enabled"}]""");
        ClaimSource source = claims("""
                {"email": " Ann@X.IO ", "given_name": "Ann", "family_name": "Lee", "employee": "E-042",
                 "address": {"locality": "Lyon"}, "roles": ["a", "b"], "active": false}""");
        List<List<String>> values = rows.stream().map(m -> m.evaluate(source, 255).values()).toList();
        assertEquals(List.of(List.of("ann@x.io"), List.of("ann.lee"), List.of("042"), List.of("Lyon"), List.of("a", "b"),
                List.of("false")), values);
    }

    @Test
    void missingWrongTypeAndTooLongAreReportedPerRow() throws Exception {
        List<AttributeMapping> rows = mappings("""
                [{"claim": "nope", "target": "a", "required": true},
                 {"claim": "address", "target": "b"},
                 {"claim": "roles", "target": "firstName"},
                 {"claim": "long", "target": "c"},
                 {"claim": "active", "target": "enabled"},
                 {"template": "${given_name} ${nope}", "target": "lastName"}]""");
        ClaimSource source = claims("""
                {"address": {"locality": "Lyon"}, "roles": ["a", "b"], "long": "xxxxxxxxxxx", "active": "yes", "given_name": "A"}""");
        List<String> problems = rows.stream().map(m -> m.evaluate(source, 10).problem()).toList();
        assertEquals(List.of("missing", "an object where text is expected", "a list where one value is expected",
                "longer than 10 characters", "not a valid value for enabled", "missing"), problems);
        assertEquals("nope", rows.get(5).evaluate(source, 10).claim());
    }

    @Test
    void badConfigsAreRefusedWithEveryReason() {
        InvalidMapperConfigException e = assertThrows(InvalidMapperConfigException.class, () -> UserAttributesConfig.parse(Map.of(
                "mappings", """
                        [{"claim": "a"}, {"claim": "a", "template": "${b}", "target": "x"}, {"claim": "a..b", "target": "y"},
                         {"claim": "a", "target": "z", "transform": ["shout"]}, {"claim": "a", "target": "w", "transform": [{"regex": "("}]},
                         {"template": "static", "target": "v"}, {"claim": "a", "target": "email"}, {"claim": "b", "target": "email"}]""",
                "on.problem", "explode")));
        assertEquals(8, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("row 1: 'target' is required"));
        assertTrue(e.getMessage().contains("row 8: target 'email' is mapped twice"));
        assertThrows(InvalidMapperConfigException.class, () -> UserAttributesConfig.parse(Map.of("mappings", "{not json")));
        assertThrows(InvalidMapperConfigException.class, () -> UserAttributesConfig.parse(Map.of()));
    }
}

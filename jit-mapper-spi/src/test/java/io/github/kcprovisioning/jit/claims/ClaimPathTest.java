package io.github.kcprovisioning.jit.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimPathTest {

    private static final JsonNode CLAIMS = json("""
            {"email":"a@x.io","address":{"locality":"Lyon"},"emails":["one@x.io","two@x.io"],
             "https://x.io/groups":["g1"],"orgs":[{"name":"acme"}],"nothing":null}""");

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void selectsTopLevelNestedAndIndexedValues() {
        assertEquals("a@x.io", ClaimPath.parse("email").select(CLAIMS).asText());
        assertEquals("Lyon", ClaimPath.parse("address.locality").select(CLAIMS).asText());
        assertEquals("two@x.io", ClaimPath.parse("emails[1]").select(CLAIMS).asText());
        assertEquals("acme", ClaimPath.parse("orgs[0].name").select(CLAIMS).asText());
        assertTrue(ClaimPath.parse("emails").select(CLAIMS).isArray());
    }

    @Test
    void escapedDotIsPartOfTheClaimName() {
        assertEquals("g1", ClaimPath.parse("https://x\\.io/groups").select(CLAIMS).get(0).asText());
    }

    @Test
    void absentOrNullValuesAreNull() {
        assertNull(ClaimPath.parse("missing").select(CLAIMS));
        assertNull(ClaimPath.parse("address.street").select(CLAIMS));
        assertNull(ClaimPath.parse("emails[5]").select(CLAIMS));
        assertNull(ClaimPath.parse("nothing").select(CLAIMS));
    }

    @Test
    void malformedPathsAreRejectedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("")).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("a..b")).getMessage().contains("empty segment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("a[x]")).getMessage().contains("index"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("a[0")).getMessage().contains("without"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("a.")).getMessage().contains("ends with"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClaimPath.parse("[0]")).getMessage().contains("starts with"));
    }
}

package io.github.kcprovisioning.scim.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.unboundid.scim2.common.exceptions.PreconditionFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceVersionsTest {

    @Test
    void versionIsWeakAndChangesWithContent() {
        String a = ResourceVersions.of(JsonNodeFactory.instance.objectNode().put("userName", "a"));
        String b = ResourceVersions.of(JsonNodeFactory.instance.objectNode().put("userName", "b"));
        assertTrue(a.startsWith("W/\""));
        assertNotEquals(a, b);
        assertEquals(a, ResourceVersions.of(JsonNodeFactory.instance.objectNode().put("userName", "a")));
    }

    @Test
    void ifMatchAcceptsAbsentStarWeakAndStrongFormsOfTheCurrentVersion() {
        assertDoesNotThrow(() -> ResourceVersions.checkIfMatch((String) null, "W/\"abc\""));
        assertDoesNotThrow(() -> ResourceVersions.checkIfMatch("*", "W/\"abc\""));
        assertDoesNotThrow(() -> ResourceVersions.checkIfMatch("W/\"abc\"", "W/\"abc\""));
        assertDoesNotThrow(() -> ResourceVersions.checkIfMatch("\"abc\"", "W/\"abc\""));
        assertDoesNotThrow(() -> ResourceVersions.checkIfMatch("W/\"old\", W/\"abc\"", "W/\"abc\""));
    }

    @Test
    void ifMatchWithAnotherVersionIs412() {
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> ResourceVersions.checkIfMatch("W/\"old\"", "W/\"abc\""));
        assertEquals(412, e.getScimError().getStatus());
    }

    @Test
    void ifNoneMatch() {
        assertTrue(ResourceVersions.matchesIfNoneMatch("W/\"abc\"", "W/\"abc\""));
        assertFalse(ResourceVersions.matchesIfNoneMatch("W/\"old\"", "W/\"abc\""));
        assertFalse(ResourceVersions.matchesIfNoneMatch((String) null, "W/\"abc\""));
    }
}

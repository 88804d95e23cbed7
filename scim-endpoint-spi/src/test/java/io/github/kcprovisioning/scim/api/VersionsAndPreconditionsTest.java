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

class VersionsAndPreconditionsTest {

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
        assertDoesNotThrow(() -> new Preconditions(null, null).checkIfMatch(() -> "W/\"abc\""));
        assertDoesNotThrow(() -> new Preconditions("*", null).checkIfMatch(() -> "W/\"abc\""));
        assertDoesNotThrow(() -> new Preconditions("W/\"abc\"", null).checkIfMatch(() -> "W/\"abc\""));
        assertDoesNotThrow(() -> new Preconditions("\"abc\"", null).checkIfMatch(() -> "W/\"abc\""));
        assertDoesNotThrow(() -> new Preconditions("W/\"old\", W/\"abc\"", null).checkIfMatch(() -> "W/\"abc\""));
    }

    @Test
    void withoutIfMatchTheCurrentVersionIsNotRendered() {
        assertDoesNotThrow(() -> new Preconditions(null, null).checkIfMatch(() -> {
            throw new AssertionError("version rendered although no If-Match was sent");
        }));
    }

    @Test
    void ifMatchWithAnotherVersionIs412() {
        PreconditionFailedException e = assertThrows(PreconditionFailedException.class,
                () -> new Preconditions("W/\"old\"", null).checkIfMatch(() -> "W/\"abc\""));
        assertEquals(412, e.getScimError().getStatus());
    }

    @Test
    void ifNoneMatch() {
        assertTrue(new Preconditions(null, "W/\"abc\"").unchangedSince("W/\"abc\""));
        assertFalse(new Preconditions(null, "W/\"old\"").unchangedSince("W/\"abc\""));
        assertFalse(new Preconditions(null, null).unchangedSince("W/\"abc\""));
    }
}

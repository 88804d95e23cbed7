package io.github.kcprovisioning.sync.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdminPathTest {

    @Test
    void idsFollowTheirCollection() {
        AdminPath path = AdminPath.parse("users/u-1/groups/g-2");
        assertEquals(Optional.of("u-1"), path.segment(0, "users"));
        assertEquals(Optional.of("g-2"), path.segment(2, "groups"));
        assertEquals(Optional.empty(), path.segment(0, "groups"));
    }

    @Test
    void fixedSegmentsAreReadByPosition() {
        AdminPath path = AdminPath.parse("user-storage/c-1/sync");
        assertEquals(Optional.of("sync"), path.at(2));
        assertEquals(Optional.of("c-1"), path.segment(0, "user-storage"));
        assertEquals(Optional.empty(), path.at(3));
    }

    @Test
    void shortOrMissingPathsYieldNothing() {
        assertEquals(Optional.empty(), AdminPath.parse("users").segment(0, "users"));
        assertEquals(Optional.empty(), AdminPath.parse(null).segment(0, "users"));
    }
}

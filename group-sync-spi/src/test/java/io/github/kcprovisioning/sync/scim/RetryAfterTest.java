package io.github.kcprovisioning.sync.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

    @Test
    void seconds() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse(" 3 ", NOW));
    }

    @Test
    void httpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Tue, 24 Nov 2026 08:01:30 GMT", NOW));
    }

    @Test
    void dateInThePastMeansNow() {
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Tue, 24 Nov 2026 07:00:00 GMT", NOW));
    }

    @Test
    void garbageAndNegativeAreIgnored() {
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("-5", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }
}

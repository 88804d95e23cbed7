package io.github.kcprovisioning.sync.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.github.kcprovisioning.sync.target.DeliveryException;
import io.github.kcprovisioning.sync.target.TargetSettings;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final TargetSettings SETTINGS =
            new TargetSettings(true, 5, Duration.ofMinutes(60), Duration.ofMillis(1000), Duration.ofMillis(30_000), 4, null);
    private static final long NOW = 1_000_000L;

    /** the random draw returns its upper bound - 1: the longest jittered delay */
    private final RetryPolicy maxJitter = new RetryPolicy(bound -> bound - 1);
    private final RetryPolicy noJitter = new RetryPolicy(bound -> 0);

    private static DeliveryException serverError() {
        return DeliveryException.retryable("HTTP 503", null, null);
    }

    @Test
    void backoffDoublesPerAttemptWithJitterBetweenHalfAndFull() {
        assertEquals(NOW + 500, noJitter.afterFailure(serverError(), 1, NOW, NOW, SETTINGS).nextAttemptAt());
        assertEquals(NOW + 1000, maxJitter.afterFailure(serverError(), 1, NOW, NOW, SETTINGS).nextAttemptAt());
        assertEquals(NOW + 2000, maxJitter.afterFailure(serverError(), 2, NOW, NOW, SETTINGS).nextAttemptAt());
        assertEquals(NOW + 4000, maxJitter.afterFailure(serverError(), 3, NOW, NOW, SETTINGS).nextAttemptAt());
        assertEquals(NOW + 2000, noJitter.afterFailure(serverError(), 3, NOW, NOW, SETTINGS).nextAttemptAt());
    }

    @Test
    void backoffIsCapped() {
        TargetSettings many = new TargetSettings(true, 100, Duration.ofDays(1), Duration.ofMillis(1000), Duration.ofMillis(30_000), 4, null);
        assertEquals(NOW + 30_000, maxJitter.afterFailure(serverError(), 40, NOW, NOW, many).nextAttemptAt());
    }

    @Test
    void retryAfterIsHonouredUpToTheCap() {
        DeliveryException tooMany = DeliveryException.retryable("HTTP 429", Duration.ofSeconds(7), null);
        assertEquals(NOW + 7000, noJitter.afterFailure(tooMany, 1, NOW, NOW, SETTINGS).nextAttemptAt());
        DeliveryException tooLong = DeliveryException.retryable("HTTP 429", Duration.ofHours(1), null);
        assertEquals(NOW + 30_000, noJitter.afterFailure(tooLong, 1, NOW, NOW, SETTINGS).nextAttemptAt());
    }

    @Test
    void hopelessFailureIsDeadAtOnce() {
        assertTrue(noJitter.afterFailure(DeliveryException.hopeless("HTTP 400"), 1, NOW, NOW, SETTINGS).dead());
    }

    @Test
    void deadAfterMaxAttempts() {
        assertFalse(noJitter.afterFailure(serverError(), 4, NOW, NOW, SETTINGS).dead());
        assertTrue(noJitter.afterFailure(serverError(), 5, NOW, NOW, SETTINGS).dead());
    }

    @Test
    void deadWhenTooOld() {
        long createdHourAgo = NOW - Duration.ofMinutes(60).toMillis();
        assertTrue(noJitter.afterFailure(serverError(), 1, createdHourAgo, NOW, SETTINGS).dead());
        assertFalse(noJitter.afterFailure(serverError(), 1, createdHourAgo + 1, NOW, SETTINGS).dead());
    }
}

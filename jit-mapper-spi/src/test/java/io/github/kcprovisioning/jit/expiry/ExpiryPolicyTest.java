package io.github.kcprovisioning.jit.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ExpiryPolicyTest {

    @Test
    void inactiveDaysMustBeAWholeNumberOfAtLeastOne() {
        assertEquals(90, ExpiryPolicy.parseDays(" 90 "));
        assertThrows(IllegalArgumentException.class, () -> ExpiryPolicy.parseDays("0"));
        assertThrows(IllegalArgumentException.class, () -> ExpiryPolicy.parseDays("-5"));
        assertThrows(IllegalArgumentException.class, () -> ExpiryPolicy.parseDays("1.5"));
        assertThrows(IllegalArgumentException.class, () -> ExpiryPolicy.parseDays(null));
    }

    @Test
    void actionDefaultsToDisable() {
        assertEquals(ExpiryAction.DISABLE, ExpiryAction.fromConfig(null));
        assertEquals(ExpiryAction.DELETE, ExpiryAction.fromConfig("delete"));
        assertThrows(IllegalArgumentException.class, () -> ExpiryAction.fromConfig("archive"));
    }

    @Test
    void encodedTimestampsCompareAsStringsInTimeOrder() {
        String older = BrokerLoginClock.encode(Instant.parse("2001-09-09T01:46:39Z"));
        String newer = BrokerLoginClock.encode(Instant.parse("2001-09-09T01:46:41Z")); // crosses 10^12 ms
        assertEquals(13, older.length());
        assertTrue(older.compareTo(newer) < 0, older + " < " + newer);
    }
}

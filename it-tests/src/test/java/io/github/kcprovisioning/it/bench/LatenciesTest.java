package io.github.kcprovisioning.it.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void nearestRankPercentiles() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 100; ms++) {
            latencies.record(ms * 1_000_000L);
        }
        assertEquals(50.0, latencies.medianMillis());
        assertEquals(95.0, latencies.p95Millis());
        assertEquals(99.0, latencies.p99Millis());
        assertEquals(100.0, latencies.maxMillis());
    }

    @Test
    void tableAlignsColumnsAndFormatsNumbers() {
        BenchTable table = new BenchTable("t", "operation", "ms").row("create", 1.25).row("get", 10.0);
        assertEquals("""
                == t ==
                operation    ms
                ---------    --
                create      1.3
                get        10.0
                """, table.render());
    }
}

package io.github.kcprovisioning.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/** Wall-clock samples of one operation, with the figures benchmarks print: count, median, p95, p99, max, throughput. */
public final class Latencies {
    private final List<Long> nanos = new ArrayList<>();
    private long totalNanos;

    /** Runs {@code operation} once, records its duration and returns its result. */
    public <T> T time(Callable<T> operation) {
        long start = System.nanoTime();
        try {
            return operation.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            record(System.nanoTime() - start);
        }
    }

    public void timeRun(Runnable operation) {
        time(() -> {
            operation.run();
            return null;
        });
    }

    public synchronized void record(long durationNanos) {
        nanos.add(durationNanos);
        totalNanos += durationNanos;
    }

    public synchronized int count() {
        return nanos.size();
    }

    public double medianMillis() {
        return percentileMillis(50);
    }

    public double p95Millis() {
        return percentileMillis(95);
    }

    public double p99Millis() {
        return percentileMillis(99);
    }

    public synchronized double maxMillis() {
        return nanos.isEmpty() ? Double.NaN : Collections.max(nanos) / 1e6;
    }

    /** Operations per second if they ran one after another (sum of durations). */
    public synchronized double sequentialOpsPerSecond() {
        return totalNanos == 0 ? Double.NaN : nanos.size() / (totalNanos / 1e9);
    }

    /** Nearest-rank percentile. */
    public synchronized double percentileMillis(int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }
}

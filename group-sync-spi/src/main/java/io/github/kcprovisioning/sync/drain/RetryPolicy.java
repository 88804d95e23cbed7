package io.github.kcprovisioning.sync.drain;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

import io.github.kcprovisioning.sync.target.DeliveryException;
import io.github.kcprovisioning.sync.target.TargetSettings;

/** Decides what happens to a row after a failed delivery: retry at some time, or dead letter. */
public final class RetryPolicy {

    /** outcome of a failure */
    public record Decision(boolean dead, long nextAttemptAt) {
    }

    /** random draw in [0, bound): injected so tests are deterministic */
    private final LongUnaryOperator random;

    public RetryPolicy(LongUnaryOperator random) {
        this.random = random;
    }

    /**
     * @param attempts attempts made so far, including the one that just failed
     */
    public Decision afterFailure(DeliveryException failure, int attempts, long createdAt, long now, TargetSettings settings) {
        if (!failure.retryable()
                || attempts >= settings.maxAttempts()
                || now - createdAt >= settings.maxAge().toMillis()) {
            return new Decision(true, now);
        }
        long cap = settings.backoffCap().toMillis();
        long delay = failure.retryAfter()
                .map(Duration::toMillis)
                .map(asked -> Math.min(asked, cap))
                .orElseGet(() -> jittered(exponential(settings.backoffBase().toMillis(), attempts, cap)));
        return new Decision(false, now + delay);
    }

    static long exponential(long base, int attempts, long cap) {
        int doublings = Math.min(attempts - 1, 30); // 2^30 * base overflows nothing and exceeds any sane cap
        return Math.min(cap, base << doublings);
    }

    /** "equal jitter": half fixed, half random, so retries of many rows spread out but never come back immediately */
    private long jittered(long delay) {
        long half = delay / 2;
        return half + random.applyAsLong(half + 1);
    }
}

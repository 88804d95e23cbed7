package io.github.kcprovisioning.sync.target;

import java.time.Duration;
import java.util.Optional;

/** A target did not apply a row. Retryable (5xx, 429, timeouts, network) or hopeless (4xx that cannot succeed). */
public class DeliveryException extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private DeliveryException(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryException retryable(String message, Duration retryAfter, Throwable cause) {
        return new DeliveryException(message, true, retryAfter, cause);
    }

    public static DeliveryException hopeless(String message) {
        return new DeliveryException(message, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    /** what the target asked for (HTTP Retry-After), if anything */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package io.github.kcprovisioning.sync.drain;

import java.time.Duration;

import org.keycloak.Config;

/**
 * Node-level drainer settings, from Keycloak's SPI options
 * ({@code --spi-events-listener--provisioning-outbound--<name>=...}).
 */
public record DrainerConfig(boolean enabled, Duration pollInterval, int workers, int batchSize, Duration lease,
                            Duration deliveredRetention) {

    public static DrainerConfig from(Config.Scope scope) {
        return new DrainerConfig(
                scope.getBoolean("drain-enabled", true),
                Duration.ofMillis(scope.getLong("poll-interval-millis", 1000L)),
                scope.getInt("workers", 8),
                scope.getInt("batch-size", 64),
                Duration.ofSeconds(scope.getLong("lease-seconds", 120L)),
                Duration.ofHours(scope.getLong("delivered-retention-hours", 24L)));
    }
}

package io.github.kcprovisioning.it.bench;

import io.github.kcprovisioning.it.harness.ManagedKeycloak;
import io.github.kcprovisioning.it.harness.ServerSettings;

/**
 * Starts the same Keycloak the integration tests use (distribution + target/providers, free ports, H2 or
 * {@code -Dkc.it.db=postgres}) for a benchmark's {@code main}. The {@code bench} Maven profile sets the system properties:
 * {@code mvn -Pbench package -Dbench=io.github.kcprovisioning.it.bench.scim.ScimBenchmark}.
 */
public final class BenchServer {
    private BenchServer() {
    }

    public static ManagedKeycloak start() {
        System.out.println("Starting Keycloak for the benchmark (about a minute)...");
        ManagedKeycloak server = ServerSettings.fromSystemProperties().launch();
        System.out.println("Keycloak ready at " + server.baseUrl() + " (log: " + server.logFile() + ")");
        return server;
    }
}

package io.github.kcprovisioning.it.harness;

import java.nio.file.Path;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;

/** A managed server with one more clean-up step after it stops (e.g. dropping its throw-away database). */
final class ManagedKeycloakDecorator implements ManagedKeycloak {
    private final ManagedKeycloak server;
    private final Runnable afterStop;

    ManagedKeycloakDecorator(ManagedKeycloak server, Runnable afterStop) {
        this.server = server;
        this.afterStop = afterStop;
    }

    @Override
    public String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public Optional<String> managementUrl() {
        return server.managementUrl();
    }

    @Override
    public Keycloak admin() {
        return server.admin();
    }

    @Override
    public Path logFile() {
        return server.logFile();
    }

    @Override
    public void close() {
        server.close();
        try {
            afterStop.run();
        } catch (RuntimeException e) {
            System.err.println("Clean-up after Keycloak stop failed: " + e.getMessage());
        }
    }
}

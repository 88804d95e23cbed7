package io.github.kcprovisioning.it.harness;

import java.nio.file.Path;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;

/** A running Keycloak with our providers installed, shared by every integration test of one run. */
public interface KeycloakServer {

    /** e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
    String baseUrl();

    /** Admin client logged into the master realm as the bootstrap admin. */
    Keycloak admin();

    /** The server's log (stdout and stderr), kept after the run. */
    Path logFile();

    /** The management interface ({@code /metrics}, {@code /health}), e.g. {@code http://127.0.0.1:41235}; empty where not reachable. */
    default Optional<String> managementUrl() {
        return Optional.empty();
    }

    default String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }
}

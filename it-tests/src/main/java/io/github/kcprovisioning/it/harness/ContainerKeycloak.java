package io.github.kcprovisioning.it.harness;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.keycloak.admin.client.Keycloak;

/**
 * Opt-in mode ({@code -Dkc.it.mode=testcontainers}) for machines with a Docker engine: the official Keycloak image with our
 * providers mounted, through dasniko's testcontainers-keycloak. Runs on the image's embedded H2.
 */
final class ContainerKeycloak implements ManagedKeycloak {
    private static final String IMAGE = "quay.io/keycloak/keycloak:" + System.getProperty("kc.it.version", "26.7.3");

    private final KeycloakContainer container;
    private final Path logFile;

    private ContainerKeycloak(KeycloakContainer container, Path logFile) {
        this.container = container;
        this.logFile = logFile;
    }

    static ManagedKeycloak start(ServerSettings settings) {
        if (settings.database().isPostgres()) {
            throw new IllegalArgumentException("testcontainers mode runs on the image's H2; use process mode for PostgreSQL");
        }
        Path logFile = settings.logs().resolve("server.log");
        KeycloakContainer container = new KeycloakContainer(IMAGE)
                .withProviderLibsFrom(providerJars(settings.providers()));
        if (!settings.extraArgs().isEmpty()) {
            container.withCustomCommand(String.join(" ", settings.extraArgs()));
        }
        container.start();
        container.followOutput(frame -> appendLog(logFile, frame.getUtf8String()));
        return new ContainerKeycloak(container, logFile);
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Keycloak admin() {
        return container.getKeycloakAdminClient();
    }

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        container.stop();
    }

    private static List<File> providerJars(Path providers) {
        try (Stream<Path> files = Files.list(providers)) {
            return files.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void appendLog(Path logFile, String text) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

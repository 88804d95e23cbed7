package io.github.kcprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.keycloak.admin.client.Keycloak;

/**
 * The Keycloak Quarkus distribution run as a local process ({@code kc.sh start-dev}) with our providers copied into its
 * {@code providers/} folder. Used by the tests (fresh data, free ports) and by the demo (fixed port, data kept).
 */
public final class DistributionProcess implements ManagedKeycloak {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    // Generous by default: on a loaded 2-core machine a first start can take several minutes.
    private static final Duration START_TIMEOUT = Duration.ofMinutes(Long.getLong("kc.it.startMinutes", 12));

    private final Options options;
    private final Process process;
    private final String baseUrl;
    private Keycloak admin;

    /** What to start: distribution, providers, ports, database and whether to begin from empty data. */
    public record Options(Path home, Path providers, Path logFile, int httpPort, int managementPort, boolean freshData,
                          Optional<Path> realmImports, List<String> databaseOptions, List<String> extraArgs, String heap) {
    }

    private DistributionProcess(Options options, Process process) {
        this.options = options;
        this.process = process;
        this.baseUrl = "http://127.0.0.1:" + options.httpPort();
    }

    static ManagedKeycloak startForTests(ServerSettings settings) {
        int httpPort = freePort();
        DatabaseSettings database = settings.database();
        String databaseName = "kc_it_" + httpPort;
        if (database.isPostgres()) {
            database.recreate(databaseName);
        }
        Options options = new Options(settings.home(), settings.providers(), settings.logs().resolve("server.log"), httpPort, freePort(),
                true, Optional.empty(), database.keycloakOptions(databaseName), settings.extraArgs(), "-Xms128m -Xmx1g");
        DistributionProcess server = start(options);
        if (!database.isPostgres()) {
            return server;
        }
        return new ManagedKeycloakDecorator(server, () -> database.drop(databaseName));
    }

    /** Starts the distribution and waits until it reports ready; on failure the process is stopped and the log tail is in the exception. */
    public static DistributionProcess start(Options options) {
        installProviders(options.home(), options.providers());
        if (options.freshData()) {
            deleteRecursively(options.home().resolve("data"));
        }
        options.realmImports().ifPresent(dir -> copyRealmImports(dir, options.home().resolve("data").resolve("import")));
        DistributionProcess server = new DistributionProcess(options, launch(options));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-keycloak"));
        try {
            server.awaitReady();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static Process launch(Options options) {
        List<String> command = new ArrayList<>(List.of(options.home().resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + options.httpPort(),
                "--http-management-port=" + options.managementPort(),
                "--health-enabled=true",
                "--metrics-enabled=true",
                "--log-level=INFO,io.github.kcprovisioning:debug"));
        options.realmImports().ifPresent(dir -> command.add("--import-realm"));
        command.addAll(options.databaseOptions());
        command.addAll(options.extraArgs());
        try {
            Files.createDirectories(options.logFile().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(options.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(options.logFile().toFile());
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            builder.environment().put("JAVA_OPTS_KC_HEAP", options.heap());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    private void awaitReady() {
        URI health = URI.create("http://127.0.0.1:" + options.managementPort() + "/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue() + " during start-up:\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT + ":\n" + logTail());
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public Optional<String> managementUrl() {
        return Optional.of("http://127.0.0.1:" + options.managementPort());
    }

    @Override
    public synchronized Keycloak admin() {
        if (admin == null) {
            admin = Keycloak.getInstance(baseUrl, "master", ADMIN_USER, ADMIN_PASSWORD, "admin-cli");
        }
        return admin;
    }

    @Override
    public Path logFile() {
        return options.logFile();
    }


    /** Blocks until the server process ends (the demo's foreground mode). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * {@code kill -9} of the Keycloak JVM itself (kc.sh's child, or kc.sh's own process once it has exec'd java after a
     * re-augmentation), then waits until the whole tree is gone. Nothing of Keycloak's shutdown runs.
     */
    public synchronized void kill() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        List<ProcessHandle> jvms = tree.stream()
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .toList();
        if (jvms.isEmpty()) {
            throw new IllegalStateException("No running Keycloak JVM under process " + process.pid());
        }
        jvms.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    /** Stops kc.sh and the JVM it forked (SIGTERM, then SIGKILL after 30 s) so that no process or port outlives the run. */
    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(options.logFile())) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log at " + options.logFile() + ")";
        }
    }

    private static void installProviders(Path home, Path providers) {
        Path target = home.resolve("providers");
        try {
            Files.createDirectories(target);
            try (Stream<Path> old = Files.list(target)) {
                for (Path jar : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.delete(jar);
                }
            }
            try (Stream<Path> jars = Files.list(providers)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install providers from " + providers + " into " + target, e);
        }
    }

    private static void copyRealmImports(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                    Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy realm imports from " + from, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}

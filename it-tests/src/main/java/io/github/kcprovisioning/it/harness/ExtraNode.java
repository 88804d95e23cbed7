package io.github.kcprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.keycloak.admin.client.Keycloak;

/**
 * A Keycloak node of a test's own, beside the shared server: its own copy of the distribution (so that its start-up build
 * never touches the shared server's files), its own free ports and log, on a {@link NodeDatabase}. Several nodes on one
 * database form the "cluster" of the two-node test; stopping one with {@link #kill()} and starting another on the same
 * database is the crash test. Always close it in {@code finally}.
 */
public final class ExtraNode implements ManagedKeycloak {

    private static final Map<String, AtomicInteger> STARTS = new ConcurrentHashMap<>();

    private final DistributionProcess process;

    private ExtraNode(DistributionProcess process) {
        this.process = process;
    }

    /**
     * Starts node {@code name} (its distribution copy is {@code target/keycloak-nodes/<name>}, made once and reused by later
     * starts of that name; its log is {@code <name>-<n>.log} in the run's log folder) and waits until it is ready.
     */
    public static ExtraNode start(String name, NodeDatabase database, String... nodeArgs) {
        ServerSettings settings = ServerSettings.fromSystemProperties();
        Path home = copyOfDistribution(settings.home(), name);
        int start = STARTS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        List<String> args = new ArrayList<>(settings.extraArgs());
        args.addAll(List.of(nodeArgs));
        DistributionProcess.Options options = new DistributionProcess.Options(home, settings.providers(),
                settings.logs().resolve(name + "-" + start + ".log"), DistributionProcess.freePort(), DistributionProcess.freePort(),
                true, Optional.empty(), database.keycloakOptions(), args, "-Xms128m -Xmx768m");
        return new ExtraNode(DistributionProcess.start(options));
    }

    /** {@code kill -9} of the node's JVM: no shutdown hook, no transaction completes */
    public void kill() {
        process.kill();
    }

    @Override
    public String baseUrl() {
        return process.baseUrl();
    }

    @Override
    public Optional<String> managementUrl() {
        return process.managementUrl();
    }

    @Override
    public Keycloak admin() {
        return process.admin();
    }

    @Override
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public void close() {
        process.close();
    }

    private static Path copyOfDistribution(Path distribution, String name) {
        Path copy = distribution.getParent().resolveSibling("keycloak-nodes").resolve(name);
        if (Files.isDirectory(copy)) {
            return copy;
        }
        Path partial = copy.resolveSibling(name + ".partial");
        Path data = distribution.resolve("data");
        try (Stream<Path> paths = Files.walk(distribution)) {
            DistributionProcess.deleteRecursively(partial);
            for (Path source : paths.filter(p -> !p.startsWith(data)).toList()) {
                Path target = partial.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE); // a half-made copy is never taken for a whole one
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the distribution to " + copy, e);
        }
        return copy;
    }
}

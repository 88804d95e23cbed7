package io.github.kcprovisioning.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the test run wants its Keycloak, from system properties (set by it-tests' failsafe configuration, overridable with -D):
 * <ul>
 *   <li>{@code kc.it.mode}: {@code process} (default, the distribution as a local process) or {@code testcontainers} (needs Docker)</li>
 *   <li>{@code kc.it.db}: {@code h2} (default, embedded dev-file database) or {@code postgres}</li>
 *   <li>{@code kc.it.pg.url}, {@code kc.it.pg.user}, {@code kc.it.pg.password}: the PostgreSQL server
 *       (default {@code jdbc:postgresql://127.0.0.1:5432/}, {@code postgres}, empty); a fresh database is created per run</li>
 *   <li>{@code kc.it.home}, {@code kc.it.providers}, {@code kc.it.logs}: distribution, providers folder, log folder</li>
 *   <li>{@code kc.it.args}: extra start-dev arguments, space separated (e.g. {@code --features=scim-api})</li>
 *   <li>{@code kc.it.testOptions}: server options the test suite itself relies on (set in it-tests' POM, e.g. short sweep intervals)</li>
 * </ul>
 * Several {@code --features=} arguments (the suite's and the caller's) are merged into one, so that neither replaces the other.
 */
public record ServerSettings(String mode, Path home, Path providers, Path logs, DatabaseSettings database, List<String> extraArgs) {

    private static final String FEATURES = "--features=";

    public static ServerSettings fromSystemProperties() {
        return new ServerSettings(
                System.getProperty("kc.it.mode", "process"),
                Path.of(required("kc.it.home")),
                Path.of(required("kc.it.providers")),
                Path.of(System.getProperty("kc.it.logs", "target/keycloak-logs")),
                DatabaseSettings.fromSystemProperties(),
                splitArgs(System.getProperty("kc.it.testOptions", "") + " " + System.getProperty("kc.it.args", "")));
    }

    public ManagedKeycloak launch() {
        requireDirectory(providers, "providers folder (run the build's package phase first)");
        return switch (mode) {
            case "process" -> {
                requireDirectory(home, "Keycloak distribution");
                yield DistributionProcess.startForTests(this);
            }
            case "testcontainers" -> ContainerKeycloak.start(this);
            default -> throw new IllegalArgumentException("kc.it.mode must be 'process' or 'testcontainers', not '" + mode + "'");
        };
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the tests through Maven (mvn verify)");
        }
        return value;
    }

    private static void requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("No " + what + " at " + dir.toAbsolutePath());
        }
    }

    static List<String> splitArgs(String args) {
        List<String> split = new ArrayList<>();
        List<String> features = new ArrayList<>();
        for (String arg : args.trim().split("\\s+")) {
            if (arg.startsWith(FEATURES)) {
                features.add(arg.substring(FEATURES.length()));
            } else if (!arg.isEmpty()) {
                split.add(arg);
            }
        }
        if (!features.isEmpty()) {
            split.add(FEATURES + String.join(",", features));
        }
        return split;
    }
}

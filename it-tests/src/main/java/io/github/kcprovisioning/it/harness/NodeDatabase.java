package io.github.kcprovisioning.it.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A dedicated PostgreSQL database for the tests that start Keycloak nodes of their own ({@link ExtraNode}): created empty,
 * shared by the nodes started on it, readable by the test, dropped on {@link #close()}. The shared test server never uses it.
 */
public final class NodeDatabase implements AutoCloseable {

    private final DatabaseSettings settings;
    private final String name;

    private NodeDatabase(DatabaseSettings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    /** true when the run is on PostgreSQL ({@code -Ppostgres}); node tests need it and skip otherwise */
    public static boolean available() {
        return DatabaseSettings.fromSystemProperties().isPostgres();
    }

    /** drops and re-creates {@code name} (e.g. {@code kc_crash}) on the run's PostgreSQL server */
    public static NodeDatabase create(String name) {
        DatabaseSettings settings = DatabaseSettings.fromSystemProperties();
        if (!settings.isPostgres()) {
            throw new IllegalStateException("Extra Keycloak nodes need PostgreSQL (-Ppostgres), not " + settings.kind());
        }
        settings.recreate(name);
        return new NodeDatabase(settings, name);
    }

    List<String> keycloakOptions() {
        return settings.keycloakOptions(name);
    }

    /** the single number a query returns (e.g. a count over Keycloak's or our tables) */
    public long queryForLong(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(settings.postgresServerUrl() + name, settings.user(), settings.password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query on " + name + " failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        settings.drop(name);
    }
}

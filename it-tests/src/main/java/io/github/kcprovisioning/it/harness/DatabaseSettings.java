package io.github.kcprovisioning.it.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The database a test Keycloak runs on: embedded H2, or a throw-away database on a PostgreSQL server. */
public record DatabaseSettings(String kind, String postgresServerUrl, String user, String password) {

    static DatabaseSettings fromSystemProperties() {
        String kind = System.getProperty("kc.it.db", "h2");
        if (!kind.equals("h2") && !kind.equals("postgres")) {
            throw new IllegalArgumentException("kc.it.db must be 'h2' or 'postgres', not '" + kind + "'");
        }
        String url = System.getProperty("kc.it.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
        return new DatabaseSettings(kind, url.endsWith("/") ? url : url + "/",
                System.getProperty("kc.it.pg.user", "postgres"), System.getProperty("kc.it.pg.password", ""));
    }

    boolean isPostgres() {
        return kind.equals("postgres");
    }

    /** Start options for Keycloak on the given database; H2 needs none (start-dev's default). */
    List<String> keycloakOptions(String databaseName) {
        if (!isPostgres()) {
            return List.of();
        }
        List<String> options = new java.util.ArrayList<>(List.of("--db=postgres", "--db-url=" + postgresServerUrl + databaseName,
                "--db-username=" + user));
        if (!password.isEmpty()) {
            options.add("--db-password=" + password);
        }
        return options;
    }

    /** Drops and re-creates {@code databaseName} so that every run starts from an empty schema. */
    void recreate(String databaseName) {
        execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)", "CREATE DATABASE " + databaseName);
    }

    void drop(String databaseName) {
        execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
    }

    private void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(postgresServerUrl + "postgres", user, password);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + postgresServerUrl + " is not usable: " + e.getMessage(), e);
        }
    }
}

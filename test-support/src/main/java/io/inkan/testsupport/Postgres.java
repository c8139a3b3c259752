package io.inkan.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases on the machine's PostgreSQL (127.0.0.1:5432, trust auth, user postgres; override
 * with {@code INKAN_TEST_POSTGRES_URL}). Where PostgreSQL is not reachable, the test is skipped on a
 * developer's machine and fails under CI (the {@code CI} environment variable), so a broken database
 * never turns a red run green.
 */
public final class Postgres {
    private static final String SERVER =
            System.getenv().getOrDefault("INKAN_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = "postgres";
    public static final String PASSWORD = "";

    private Postgres() {}

    /** Creates an empty database named {@code prefix_<random>} and returns its JDBC URL. */
    public static String freshDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            unavailable(e);
        }
        return SERVER + name;
    }

    private static void unavailable(SQLException e) {
        String message = "PostgreSQL at " + SERVER + " is not available: " + e.getMessage();
        if (System.getenv("CI") != null) {
            throw new AssertionError(message + " (CI is set, so this fails instead of skipping)", e);
        }
        Assumptions.abort(message);
    }
}

package io.inkan.system.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One PostgreSQL database refusing connections, as during a failover or a maintenance window: new connections
 * are refused at once ({@code ALLOW_CONNECTIONS false}) and the open ones are cut. Closing it lets connections in
 * again. The server's other databases are not touched.
 */
public final class PostgresOutage implements AutoCloseable {
    private final Infrastructure.Database database;
    private final String name;

    private PostgresOutage(Infrastructure.Database database) {
        this.database = database;
        this.name = database.url().substring(database.url().lastIndexOf('/') + 1);
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a throwaway database of the tests: " + name);
        }
    }

    /** Starts the outage of {@code database}. */
    public static PostgresOutage of(Infrastructure.Database database) {
        PostgresOutage outage = new PostgresOutage(database);
        outage.execute("ALTER DATABASE " + outage.name + " WITH ALLOW_CONNECTIONS false");
        outage.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + outage.name + "'");
        return outage;
    }

    /** Ends the outage: the database accepts connections again. */
    @Override
    public void close() {
        execute("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true");
    }

    /** Runs on the server's maintenance database, which stays reachable. */
    private void execute(String sql) {
        String server = database.url().substring(0, database.url().lastIndexOf('/') + 1);
        try (Connection connection =
                        DriverManager.getConnection(server + "postgres", database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + server + "postgres", e);
        }
    }
}

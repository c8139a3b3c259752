package io.inkan.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * A service's own database (PostgreSQL, or H2 as the services use by default), reached with a JDBC URL, a
 * user and a password taken from an environment variable: never from the command line, where {@code ps}
 * shows it to everyone on the machine. Failures become the tool's exit codes.
 */
final class ServiceDatabase {
    /** The options, shared by the outbox commands (a picocli mixin). */
    static final class Options {
        @Option(
                names = "--jdbc-url",
                paramLabel = "URL",
                description = "the service's database (spring.datasource.url), e.g. jdbc:postgresql://db:5432/auth")
        String url;

        @Option(names = "--user", paramLabel = "U", description = "the database user (default sa for H2)")
        String user;

        @Option(
                names = "--password-env",
                paramLabel = "VAR",
                description = "the environment variable that holds the database password")
        String passwordEnv;

        ServiceDatabase database(Terminal terminal) {
            return new ServiceDatabase(url, user, passwordEnv, terminal);
        }
    }

    /** The user the services' H2 databases are created with (spring.datasource.username). */
    private static final String H2_USER = "sa";

    private static final int H2_DATABASE_IN_USE = 90020;
    private static final int H2_DATABASE_NOT_FOUND = 90146;

    private final String url;
    private final Properties login = new Properties();

    ServiceDatabase(String url, String user, String passwordVariable, Terminal terminal) {
        this.url = io.inkan.cli.Options.required("jdbc-url", url);
        boolean h2 = url.startsWith("jdbc:h2:");
        if (!h2 && !url.startsWith("jdbc:postgresql:")) {
            throw CliFailure.usage("--jdbc-url must be a PostgreSQL (jdbc:postgresql:...) or H2 (jdbc:h2:...) URL");
        }
        user = io.inkan.cli.Options.or(user, h2 ? H2_USER : null);
        if (user != null) {
            login.setProperty("user", user);
        }
        if (passwordVariable != null) {
            String password = terminal.env(passwordVariable, null);
            if (password == null) {
                throw CliFailure.usage("the environment variable " + passwordVariable + " (--password-env) is not set");
            }
            login.setProperty("password", password);
        }
        if (h2 && !url.startsWith("jdbc:h2:mem:")) {
            // a mistyped path must not quietly create an empty database file beside the real one
            login.setProperty("IFEXISTS", "TRUE");
        }
    }

    Connection connect() {
        try {
            return DriverManager.getConnection(url, login);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The exit code and words for a failure; the URL is shown without its parameters (they may hold secrets). */
    CliFailure failure(SQLException e) {
        String where = shown();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (e.getErrorCode() == H2_DATABASE_IN_USE) {
            return CliFailure.unreachable(
                    "the H2 database " + where + " is in use: a running service holds its file. Stop the service"
                            + " first (or run the services on PostgreSQL, where this works while they run)",
                    e);
        }
        if (e.getErrorCode() == H2_DATABASE_NOT_FOUND) {
            return CliFailure.refused("there is no H2 database at " + where);
        }
        if (state.startsWith("08") || String.valueOf(e.getMessage()).startsWith("No suitable driver")) {
            return CliFailure.unreachable("the database is not reachable at " + where + ": " + e.getMessage(), e);
        }
        if (state.startsWith("28")) {
            return CliFailure.refused("the database at " + where + " refused the login: " + e.getMessage());
        }
        if (state.equals("42P01") || state.equals("42102") || state.equals("42S02")) {
            return CliFailure.refused("the database at " + where
                    + " has no outbox tables: is it a service's database, and has the service started on it once?");
        }
        return new CliFailure(ExitCode.FAILED, "the database at " + where + " failed: " + e.getMessage(), e);
    }

    private String shown() {
        int parameters = url.indexOf('?');
        int h2Settings = url.indexOf(';');
        int cut = Math.min(parameters < 0 ? url.length() : parameters, h2Settings < 0 ? url.length() : h2Settings);
        return url.substring(0, cut);
    }
}

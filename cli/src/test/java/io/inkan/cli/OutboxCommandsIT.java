package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.H2;
import io.inkan.testsupport.Postgres;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code inkan outbox dead|replay} on a service's database as the services migrate it (the messaging
 * module's Flyway migrations), on H2 and on PostgreSQL: a row the relay set aside in outbox_dead_event is
 * listed without its payload and moved back into outbox_event intact, behind what waits there already.
 */
class OutboxCommandsIT {
    private static final String PAYLOAD =
            "{\"realm\":\"USER\",\"accountId\":\"C001:U001\",\"email\":\"taro@example.jp\",\"failedAttempts\":5}";
    private static final String FAILURE =
            "RecordTooLargeException: The message is 1048700 bytes when serialized which is larger than 1048576";
    private static final OffsetDateTime OCCURRED = OffsetDateTime.parse("2026-04-30T23:59:58.123456Z");
    private static final OffsetDateTime FAILED = OffsetDateTime.parse("2026-05-01T10:00:00Z");

    static Stream<Arguments> databases() {
        return Stream.of(Arguments.of("H2"), Arguments.of("PostgreSQL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDeadOutboxEventIsListedWithoutItsPayloadAndMovedBackIntact(String database) throws Exception {
        boolean postgres = database.equals("PostgreSQL");
        String url = postgres ? Postgres.freshDatabase("cli_outbox") : H2.freshDatabase("cli_outbox");
        String user = postgres ? Postgres.USER : "sa";
        Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/messaging")
                .load()
                .migrate();
        String deadEventId = UUID.randomUUID().toString();
        long waitingId;
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            waitingId = insertWaiting(db);
            insertDead(db, 7, deadEventId);
        }
        // a PostgreSQL password comes from the environment (trust auth takes any); H2's sa has none
        Map<String, String> env = postgres ? Map.of("INKAN_DB_PASSWORD", "not on the command line") : Map.of();
        String[] login = postgres
                ? new String[] {"--jdbc-url", url, "--user", user, "--password-env", "INKAN_DB_PASSWORD"}
                : new String[] {"--jdbc-url", url};

        Run dead = Run.inkan("", env, with(login, "outbox", "dead"));

        assertThat(dead.exitCode()).as(dead.err()).isZero();
        assertThat(dead.out())
                .isEqualTo("7  event=" + deadEventId + "  inkan.auth.events  key=C001:U001  AccountLocked  failed="
                        + "2026-05-01T10:00:00Z  failure=" + FAILURE + "\n");
        assertThat(dead.out() + dead.err()).doesNotContain("taro@example.jp");

        Run replay = Run.inkan("", env, with(login, "outbox", "replay", "--id", "7"));

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).startsWith("moved 7 back into the outbox as ").contains("event=" + deadEventId);
        try (Connection db = DriverManager.getConnection(url, user, "");
                PreparedStatement select = db.prepareStatement(
                        "SELECT id, topic, record_key, event_type, payload, occurred_at FROM outbox_event"
                                + " WHERE event_id = ?")) {
            select.setString(1, deadEventId);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("the event is back in outbox_event").isTrue();
                assertThat(row.getLong("id"))
                        .as("after the event waiting there")
                        .isGreaterThan(waitingId);
                assertThat(row.getString("topic")).isEqualTo("inkan.auth.events");
                assertThat(row.getString("record_key")).isEqualTo("C001:U001");
                assertThat(row.getString("event_type")).isEqualTo("io.inkan.AccountLocked.v1");
                assertThat(row.getString("payload")).isEqualTo(PAYLOAD);
                assertThat(row.getObject("occurred_at", OffsetDateTime.class).toInstant())
                        .isEqualTo(OCCURRED.toInstant());
            }
            try (Statement count = db.createStatement();
                    ResultSet left = count.executeQuery("SELECT COUNT(*) FROM outbox_dead_event")) {
                left.next();
                assertThat(left.getLong(1)).isZero();
            }
        }

        Run none = Run.inkan("", env, with(login, "outbox", "dead"));
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("No dead outbox events.");

        Run again = Run.inkan("", env, with(login, "outbox", "replay", "--id", "7"));
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("there is no dead outbox event with id 7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void replayAllMovesEveryDeadEventBackInTheOrderTheyWereWritten(String database) throws Exception {
        boolean postgres = database.equals("PostgreSQL");
        String url = postgres ? Postgres.freshDatabase("cli_outbox") : H2.freshDatabase("cli_outbox");
        String user = postgres ? Postgres.USER : "sa";
        Flyway.configure()
                .dataSource(url, user, "")
                .locations("classpath:db/messaging")
                .load()
                .migrate();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (Connection db = DriverManager.getConnection(url, user, "")) {
            insertDead(db, 12, second);
            insertDead(db, 5, first);
        }

        Run replay = Run.inkan("", "outbox", "replay", "--all", "--jdbc-url", url, "--user", user);

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines()).hasSize(2);
        try (Connection db = DriverManager.getConnection(url, user, "");
                Statement select = db.createStatement();
                ResultSet rows = select.executeQuery("SELECT event_id FROM outbox_event ORDER BY id")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(first);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(second);
            assertThat(rows.next()).isFalse();
        }

        Run nothing = Run.inkan("", "outbox", "replay", "--all", "--jdbc-url", url, "--user", user);
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.err()).contains("No dead outbox events.");
    }

    @Test
    void anH2DatabaseARunningServiceHoldsIsReportedWithWhatToDo(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        // another process holds the file open, as a running service does
        Path h2 = Path.of(org.h2.Driver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Process service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        h2.toString(),
                        "org.h2.tools.Shell",
                        "-url",
                        url,
                        "-user",
                        "sa",
                        "-password",
                        "")
                .redirectErrorStream(true)
                .start();
        try {
            awaitPrompt(service);

            Run run = Run.inkan("", "outbox", "dead", "--jdbc-url", url);

            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.err()).contains("is in use", "Stop the service first");
        } finally {
            service.destroy();
            service.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the H2 shell has opened the database and asks for SQL. */
    private static void awaitPrompt(Process shell) throws Exception {
        StringBuilder seen = new StringBuilder();
        var output = new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!seen.toString().contains("sql>")) {
            assertThat(System.nanoTime())
                    .as("the H2 shell opened the database: " + seen)
                    .isLessThan(deadline);
            int c = output.read();
            assertThat(c).as("the H2 shell ended: " + seen).isNotNegative();
            seen.append((char) c);
        }
    }

    private static long insertWaiting(Connection db) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)"
                        + " VALUES (?, 'inkan.auth.events', 'C001:U002', 'io.inkan.AccountUnlocked.v1', '{}', ?)",
                new String[] {"id"})) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setObject(2, FAILED);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    /** What OutboxRelay.setAside writes when Kafka refuses an event for good. */
    private static void insertDead(Connection db, long id, String eventId) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO outbox_dead_event (id, event_id, topic, record_key, event_type, payload, occurred_at,"
                        + " failed_at, failure) VALUES (?, ?, 'inkan.auth.events', 'C001:U001',"
                        + " 'io.inkan.AccountLocked.v1', ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, eventId);
            insert.setString(3, PAYLOAD);
            insert.setObject(4, OCCURRED);
            insert.setObject(5, FAILED);
            insert.setString(6, FAILURE);
            insert.executeUpdate();
        }
    }

    private static String[] with(String[] login, String... command) {
        return Stream.concat(Stream.of(command), Stream.of(login)).toArray(String[]::new);
    }
}

package io.inkan.benchmarks;

import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.Topics;
import io.inkan.notification.NotificationEvents;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.expiry.ExpiryProperties;
import io.inkan.notification.expiry.ExpirySchedule;
import io.inkan.notification.mail.Mailer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 6: one scan for due expiry reminders over a schedule of N certificates (two reminders each, P40D and P10D)
 * of which {@value #DUE} reminders are due, on PostgreSQL, for N = 10k, 100k and 1M. A plain measured driver rather
 * than JMH: a scan changes the table, so each measured scan is followed by an untimed reset, and loading 1M
 * certificates once per size is affordable only outside JMH's per-trial setup.
 *
 * <p>Two things are timed:
 *
 * <ul>
 *   <li><b>find</b>: the scan's due-batch query, {@link #DUE_BATCH_SQL}, with a batch of {@value #DUE} so one query
 *       finds every due reminder, in its own transaction (the row locks are rolled back). The text is a copy of the
 *       private constant in notification-service's {@code ReminderRepository}; {@code ReminderScanBenchmarkTest}
 *       fails when the two differ.
 *   <li><b>scan</b>: notification-service's own {@link ExpirySchedule#scan()} with the production batch size (200),
 *       which finds, stamps and mails every due reminder: the real work of one scan, with mails queued by the
 *       service's {@link Mailer} and events written as outbox rows (the same INSERT as messaging's Outbox; no Kafka).
 * </ul>
 */
public final class ReminderScanBenchmark implements AutoCloseable {
    /** The due-batch query of notification-service's {@code ReminderRepository}, character for character. */
    static final String DUE_BATCH_SQL =
            "SELECT id, serial_number, notice_before, contract_id, user_id, not_after, due_at, renewable_from"
                    + " FROM expiry_reminder WHERE sent_at IS NULL AND due_at <= ?"
                    + " ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED";

    static final int DUE = 1_000;
    private static final Duration P10D = Duration.ofDays(10);
    private static final Duration P40D = Duration.ofDays(40);
    private static final int USERS_PER_CONTRACT = 5;

    record Due(
            long id,
            String serialNumber,
            String noticeBefore,
            String contractId,
            String userId,
            Instant notAfter,
            Instant dueAt) {}

    record Loaded(int certificates, long reminderRows, long dueRows, Duration took) {}

    private final SingleConnectionDataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Instant now;
    private final ExpirySchedule schedule;

    /** Connects to {@code jdbcUrl} (an empty database) and applies notification-service's migrations. */
    ReminderScanBenchmark(String jdbcUrl, String user, String password, Instant now) {
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.dataSource = new SingleConnectionDataSource(jdbcUrl, user, password, true);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging", "classpath:db/migration/notification")
                .load()
                .migrate();
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        Clock clock = Clock.fixed(this.now, ZoneOffset.UTC);
        NotificationEvents outboxRows = new OutboxRows(jdbc, clock);
        ExpiryProperties properties =
                IssuanceBenchmark.productionDefaults("inkan.notification", ExpiryProperties.class);
        this.schedule = new ExpirySchedule(
                jdbc,
                transactions,
                new Directory(jdbc, clock),
                Mailer.create(jdbc, outboxRows, clock),
                outboxRows,
                properties.offsets(),
                properties.scanBatchSize(),
                clock);
    }

    /**
     * Loads {@code certificates} users, each with a certificate and its two reminders, with COPY. Every
     * (certificates / due)-th certificate expires in a little under 10 days, so its P10D reminder is due now; the
     * others expire between 10 days and a year from now. P40D reminders already past are stamped sent, as the
     * service leaves them. So exactly {@code due} rows are unsent and due.
     */
    Loaded load(int certificates, int due) throws SQLException, IOException {
        if (due > certificates) {
            throw new IllegalArgumentException("more due reminders than certificates");
        }
        long start = System.nanoTime();
        int step = certificates / due;
        Connection connection = dataSource.getConnection();
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET synchronous_commit = off");
        }
        copy.copyIn(
                "COPY directory_entry (contract_id, realm, account_id, name, email, language, updated_at)"
                        + " FROM STDIN (FORMAT csv)",
                rows(certificates, this::directoryRow));
        copy.copyIn(
                "COPY expiry_reminder (serial_number, notice_before, contract_id, user_id, not_after, due_at,"
                        + " sent_at, outcome) FROM STDIN (FORMAT csv)",
                rows(certificates, (i, out) -> reminderRows(i, step, due, out)));
        try (Statement statement = connection.createStatement()) {
            statement.execute("RESET synchronous_commit"); // the measured scans commit as production does
            statement.execute("VACUUM ANALYZE directory_entry");
            statement.execute("VACUUM ANALYZE expiry_reminder");
        }
        long rows = jdbc.sql("SELECT COUNT(*) FROM expiry_reminder")
                .query(Long.class)
                .single();
        long dueRows = jdbc.sql("SELECT COUNT(*) FROM expiry_reminder WHERE sent_at IS NULL AND due_at <= ?")
                .param(utc(now))
                .query(Long.class)
                .single();
        return new Loaded(certificates, rows, dueRows, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One execution of the service's due-batch query, in a transaction that is rolled back. */
    List<Due> findDueBatch(int limit) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            return jdbc.sql(DUE_BATCH_SQL)
                    .params(utc(now), limit)
                    .query((rs, n) -> new Due(
                            rs.getLong("id"),
                            rs.getString("serial_number"),
                            rs.getString("notice_before"),
                            rs.getString("contract_id"),
                            rs.getString("user_id"),
                            rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                            rs.getObject("due_at", OffsetDateTime.class).toInstant()))
                    .list();
        });
    }

    /** notification-service's scan: finds, stamps and mails every due reminder; returns how many were sent. */
    int scan() {
        return schedule.scan();
    }

    /** Undoes a {@link #scan()} (the scan stamps sent_at with its clock's instant), then vacuums. Not timed. */
    void reset() {
        jdbc.sql("UPDATE expiry_reminder SET sent_at = NULL, outcome = NULL WHERE sent_at = ?")
                .param(utc(now))
                .update();
        jdbc.sql("DELETE FROM outgoing_mail").update();
        jdbc.sql("DELETE FROM outbox_event").update();
        jdbc.sql("VACUUM expiry_reminder, outgoing_mail, outbox_event").update();
    }

    long queuedMails() {
        return jdbc.sql("SELECT COUNT(*) FROM outgoing_mail WHERE status = 'PENDING'")
                .query(Long.class)
                .single();
    }

    /** PostgreSQL's plan of the due-batch query, executed (EXPLAIN ANALYZE) and rolled back. */
    String explain(int limit) {
        return transactions.execute(status -> {
            status.setRollbackOnly();
            return jdbc
                    .sql("EXPLAIN (ANALYZE, BUFFERS) " + DUE_BATCH_SQL)
                    .params(utc(now), limit)
                    .query((rs, n) -> rs.getString(1))
                    .list()
                    .stream()
                    .collect(Collectors.joining("\n"));
        });
    }

    @Override
    public void close() {
        dataSource.destroy();
    }

    // ---- the generated schedule -------------------------------------------------------------------------------

    private interface RowWriter {
        void write(int certificate, StringBuilder out);
    }

    /** CSV text of {@code count} certificates' rows, produced while COPY reads it. */
    private static Reader rows(int count, RowWriter writer) {
        return new Reader() {
            private int next;
            private StringReader chunk = new StringReader("");

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int read = chunk.read(buffer, offset, length);
                while (read == -1 && next < count) {
                    StringBuilder out = new StringBuilder(64 * 1024);
                    for (int end = Math.min(count, next + 256); next < end; next++) {
                        writer.write(next, out);
                    }
                    chunk = new StringReader(out.toString());
                    read = chunk.read(buffer, offset, length);
                }
                return read;
            }

            @Override
            public void close() {}
        };
    }

    private void directoryRow(int i, StringBuilder out) {
        out.append(contractId(i))
                .append(",USER,")
                .append(userId(i))
                .append(",User ")
                .append(i)
                .append(',')
                .append(userId(i))
                .append('.')
                .append(contractId(i))
                .append("@example.co.jp,")
                .append(i % 10 == 0 ? "en" : "ja")
                .append(',')
                .append(now)
                .append('\n');
    }

    private void reminderRows(int i, int step, int due, StringBuilder out) {
        Instant notAfter;
        if (i % step == 0 && i / step < due) {
            // expires in a little under 10 days: its P10D reminder came due k+1 minutes ago
            notAfter = now.plus(P10D).minus(Duration.ofMinutes(i / step + 1));
        } else {
            // expires 10 days and 1 hour to 365 days from now, spread evenly
            long spread = Math.floorMod(mix(i), 355L * 86_400);
            notAfter = now.plus(P10D).plusSeconds(3_600 + spread);
        }
        String serial = serial(i);
        reminderRow(out, serial, "P40D", i, notAfter, notAfter.minus(P40D));
        reminderRow(out, serial, "P10D", i, notAfter, notAfter.minus(P10D));
    }

    private void reminderRow(StringBuilder out, String serial, String offset, int i, Instant notAfter, Instant dueAt) {
        boolean sentBefore = !dueAt.isAfter(now) && offset.equals("P40D");
        out.append(serial)
                .append(',')
                .append(offset)
                .append(',')
                .append(contractId(i))
                .append(',')
                .append(userId(i))
                .append(',')
                .append(notAfter)
                .append(',')
                .append(dueAt)
                .append(',');
        if (sentBefore) {
            out.append(dueAt).append(",SENT\n");
        } else {
            out.append(",\n");
        }
    }

    private static String contractId(int i) {
        return String.format(Locale.ROOT, "C%08d", i / USERS_PER_CONTRACT);
    }

    private static String userId(int i) {
        return "u" + (i % USERS_PER_CONTRACT);
    }

    /** A random-looking, unique 128-bit serial number, so the serial index is filled in no particular order. */
    private static String serial(int i) {
        return new UUID(mix(i), mix(~(long) i)).toString().replace("-", "");
    }

    /** A bijection of longs (SplitMix64's finaliser). */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The same row messaging's Outbox.append writes for an event; nothing relays it (no Kafka here). */
    private record OutboxRows(JdbcClient jdbc, Clock clock, EventCodec codec) implements NotificationEvents {
        OutboxRows(JdbcClient jdbc, Clock clock) {
            this(jdbc, clock, new EventCodec());
        }

        @Override
        public void publish(io.inkan.events.NotificationEvent event) {
            jdbc.sql("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            UUID.randomUUID().toString(),
                            Topics.of(event),
                            event.key(),
                            EventTypes.nameOf(event),
                            codec.encodeToString(event),
                            OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .update();
        }
    }
    // ---- the driver -------------------------------------------------------------------------------------------

    private static final String SERVER =
            System.getenv().getOrDefault("INKAN_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = System.getenv().getOrDefault("INKAN_BENCH_POSTGRES_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("INKAN_BENCH_POSTGRES_PASSWORD", "");

    /**
     * Measures each size in a throwaway database of its own, dropped afterwards: the find is warmed up 10 × warmups
     * times (it is cheap), the scan warmups times. Arguments (all optional):
     * {@code --sizes=10000,100000,1000000 --warmups=5 --runs=10 --keep} (keep the databases).
     */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(10_000, 100_000, 1_000_000);
        int warmups = 5;
        int runs = 10;
        boolean keep = false;
        for (String arg : args) {
            if (arg.startsWith("--sizes=")) {
                sizes = Arrays.stream(arg.substring(8).split(","))
                        .map(String::strip)
                        .map(Integer::valueOf)
                        .toList();
            } else if (arg.startsWith("--warmups=")) {
                warmups = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring(7));
            } else if (arg.equals("--keep")) {
                keep = true;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "Reminder scan on %s, %d due reminders; %d warm-up and %d measured scans per size%n",
                SERVER,
                DUE,
                warmups,
                runs);
        List<String> summary = new ArrayList<>();
        Stats firstFind = null;
        Stats firstScan = null;
        String plan = null;
        for (int size : sizes) {
            String database = "inkan_bench_reminders_" + size + "_"
                    + UUID.randomUUID().toString().substring(0, 8);
            createDatabase(database);
            try (var bench = new ReminderScanBenchmark(SERVER + database, USER, PASSWORD, Instant.now())) {
                Loaded loaded = bench.load(size, DUE);
                System.out.printf(
                        Locale.ROOT,
                        "%n%,d certificates: %,d reminder rows (%,d due) loaded in %.1f s%n",
                        size,
                        loaded.reminderRows(),
                        loaded.dueRows(),
                        loaded.took().toMillis() / 1000.0);
                check(loaded.dueRows() == DUE, "expected " + DUE + " due rows, found " + loaded.dueRows());

                // The find runs first, while the due rows still lie scattered over the table as loaded; the
                // scans' untimed resets rewrite those rows (new row versions), which packs them together.
                double coldFind = millis(() -> bench.findDueBatch(DUE).size(), DUE);
                for (int i = 0; i < warmups * 10; i++) {
                    millis(() -> bench.findDueBatch(DUE).size(), DUE);
                }
                Stats find = Stats.of(
                        coldFind,
                        runs,
                        () -> millis(() -> bench.findDueBatch(DUE).size(), DUE));
                plan = bench.explain(DUE);
                double coldScan = timedScan(bench);
                for (int i = 0; i < warmups; i++) {
                    timedScan(bench);
                }
                Stats scan = Stats.of(coldScan, runs, () -> timedScan(bench));
                System.out.println("  find (the due-batch query, LIMIT " + DUE + "): " + find);
                System.out.println("  scan (ExpirySchedule.scan, batches of 200, 1000 mails queued): " + scan);
                if (firstFind == null) {
                    firstFind = find;
                    firstScan = scan;
                }
                summary.add(String.format(
                        Locale.ROOT,
                        "%,12d %,14d %11.1f %8.2fx %11.1f %8.2fx",
                        size,
                        loaded.reminderRows(),
                        find.median(),
                        find.median() / firstFind.median(),
                        scan.median(),
                        scan.median() / firstScan.median()));
            } finally {
                if (!keep) {
                    dropDatabase(database);
                }
            }
        }
        System.out.printf(
                Locale.ROOT, "%nPlan of the due-batch query at %,d certificates:%n%s%n", sizes.getLast(), plan);
        System.out.printf(Locale.ROOT, "%nMedians (ms) and growth against the smallest table%n");
        System.out.printf(
                Locale.ROOT,
                "%12s %14s %11s %9s %11s %9s%n",
                "certificates",
                "reminder rows",
                "find ms",
                "growth",
                "scan ms",
                "growth");
        summary.forEach(System.out::println);
    }

    /** One timed scan that must send every due reminder, then the untimed reset. */
    private static double timedScan(ReminderScanBenchmark bench) {
        double ms = millis(bench::scan, DUE);
        check(bench.queuedMails() == DUE, "the scan queued " + bench.queuedMails() + " mails, not " + DUE);
        bench.reset();
        return ms;
    }

    private static double millis(IntSupplier work, int expected) {
        long start = System.nanoTime();
        int found = work.getAsInt();
        double ms = (System.nanoTime() - start) / 1e6;
        check(found == expected, "expected " + expected + " reminders, got " + found);
        return ms;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** The first (cold) time, then min/median/max of {@code runs} measured times. */
    record Stats(double cold, double min, double median, double max, int runs) {
        static Stats of(double cold, int runs, java.util.function.DoubleSupplier measure) {
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                times[i] = measure.getAsDouble();
            }
            Arrays.sort(times);
            double median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
            return new Stats(cold, times[0], median, times[runs - 1], runs);
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "median %.1f ms (min %.1f, max %.1f over %d runs; first, cold: %.1f ms)",
                    median,
                    min,
                    max,
                    runs,
                    cold);
        }
    }

    private static void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    private static void dropDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}

package io.inkan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.notification.expiry.ExpirySchedule;
import io.inkan.testsupport.Postgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the reminder-scan driver once on a small schedule in PostgreSQL (not timed). */
class ReminderScanBenchmarkTest {

    @Test
    void oneScanFindsAndSendsExactlyTheDueReminders() throws Exception {
        Instant now = Instant.now();
        String url = Postgres.freshDatabase("bench_reminders");
        try (var benchmark = new ReminderScanBenchmark(url, Postgres.USER, Postgres.PASSWORD, now)) {
            ReminderScanBenchmark.Loaded loaded = benchmark.load(2_000, 100);
            assertThat(loaded.reminderRows()).isEqualTo(4_000);
            assertThat(loaded.dueRows()).isEqualTo(100);

            List<ReminderScanBenchmark.Due> due = benchmark.findDueBatch(1_000);
            assertThat(due).hasSize(100).allSatisfy(reminder -> {
                assertThat(reminder.noticeBefore()).isEqualTo("P10D");
                assertThat(reminder.dueAt()).isBeforeOrEqualTo(now);
                assertThat(reminder.notAfter()).isAfter(now);
            });
            assertThat(due).isSortedAccordingTo((a, b) -> a.dueAt().compareTo(b.dueAt()));

            assertThat(benchmark.scan()).isEqualTo(100);
            assertThat(benchmark.queuedMails()).isEqualTo(100);
            assertThat(benchmark.findDueBatch(1_000)).isEmpty();

            benchmark.reset();
            assertThat(benchmark.queuedMails()).isZero();
            assertThat(benchmark.findDueBatch(1_000)).hasSize(100);
            assertThat(benchmark.explain(1_000)).contains("expiry_reminder_due");
        } finally {
            drop(url);
        }
    }

    /** The test's database goes when the test is done, so repeated runs leave nothing behind. */
    private static void drop(String url) throws SQLException {
        int slash = url.lastIndexOf('/');
        try (Connection c = DriverManager.getConnection(
                        url.substring(0, slash + 1) + "postgres", Postgres.USER, Postgres.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + url.substring(slash + 1) + " WITH (FORCE)");
        }
    }

    @Test
    void theTimedQueryIsTheOneNotificationServiceRuns() throws IOException {
        // The query is a private compile-time constant of ExpirySchedule's repository: its text is in the class file.
        try (InputStream in = ExpirySchedule.class.getResourceAsStream("ReminderRepository.class")) {
            String classFile = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(classFile).contains(ReminderScanBenchmark.DUE_BATCH_SQL);
        }
    }
}

package io.inkan.notification.expiry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code expiry_certificate} and {@code expiry_reminder} tables. Every method runs in the caller's transaction.
 */
@Repository
class ReminderRepository {
    /**
     * The due batch: unsent reminders whose time has come, oldest first, claimed so that instances side by side
     * never take the same row. Indexed by {@code (sent_at, due_at)}, so its cost follows what is due, not the size
     * of the schedule. The reminder-scan benchmark times this text (benchmarks/README.md).
     */
    private static final String DUE_BATCH_SQL =
            "SELECT id, serial_number, notice_before, contract_id, user_id, not_after, due_at, renewable_from"
                    + " FROM expiry_reminder WHERE sent_at IS NULL AND due_at <= ?"
                    + " ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED";

    private final JdbcClient jdbc;

    ReminderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A scheduled reminder whose time has come. */
    record Due(
            long id,
            String serialNumber,
            String noticeBefore,
            String contractId,
            String userId,
            Instant notAfter,
            Instant dueAt,
            Instant renewableFrom) {}

    /** The certificates the schedule knows for a user. */
    List<ReminderPolicy.Certificate> certificatesOf(String contractId, String userId) {
        return jdbc.sql("SELECT serial_number, not_after FROM expiry_certificate WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .query((rs, n) ->
                        new ReminderPolicy.Certificate(rs.getString("serial_number"), instant(rs, "not_after")))
                .list();
    }

    /** Remembers a certificate once, so that an older issuance heard of later never replaces it. */
    void remember(String serialNumber, String contractId, String userId, Instant notAfter, Instant issuedAt) {
        jdbc.sql("INSERT INTO expiry_certificate (serial_number, contract_id, user_id, not_after, issued_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(serialNumber, contractId, userId, utc(notAfter), utc(issuedAt))
                .update();
    }

    /** Cancels the unsent reminders of the user's certificates other than {@code serialNumber}; returns how many. */
    int cancelUnsentOfOthers(String contractId, String userId, String serialNumber) {
        return jdbc.sql("DELETE FROM expiry_reminder WHERE contract_id = ? AND user_id = ?"
                        + " AND serial_number <> ? AND sent_at IS NULL")
                .params(contractId, userId, serialNumber)
                .update();
    }

    /** Cancels every unsent reminder of the user (who left the contract); sent ones stay on record. */
    int cancelUnsentOfUser(String contractId, String userId) {
        return jdbc.sql("DELETE FROM expiry_reminder WHERE contract_id = ? AND user_id = ? AND sent_at IS NULL")
                .params(contractId, userId)
                .update();
    }

    /** Cancels a certificate's unsent reminders. */
    void cancelUnsent(String serialNumber) {
        jdbc.sql("DELETE FROM expiry_reminder WHERE serial_number = ? AND sent_at IS NULL")
                .param(serialNumber)
                .update();
    }

    /** Schedules a reminder once per (certificate, offset), however often its issuance is heard of. */
    void schedule(
            String serialNumber,
            String noticeBefore,
            String contractId,
            String userId,
            Instant notAfter,
            Instant dueAt,
            Instant renewableFrom,
            String traceContext) {
        jdbc.sql("INSERT INTO expiry_reminder (serial_number, notice_before, contract_id, user_id, not_after, due_at,"
                        + " renewable_from, trace_context) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(
                        serialNumber,
                        noticeBefore,
                        contractId,
                        userId,
                        utc(notAfter),
                        utc(dueAt),
                        renewableFrom == null ? null : utc(renewableFrom),
                        traceContext)
                .update();
    }

    /**
     * The trace context the reminder was scheduled in (that of its certificate's issuance), or null. Read apart
     * from the due batch, whose text the reminder-scan benchmark times.
     */
    String traceContextOf(long id) {
        return jdbc.sql("SELECT trace_context FROM expiry_reminder WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Claims up to {@code limit} due reminders until the transaction ends. */
    List<Due> claimDue(Instant now, int limit) {
        return jdbc.sql(DUE_BATCH_SQL)
                .params(utc(now), limit)
                .query((rs, n) -> new Due(
                        rs.getLong("id"),
                        rs.getString("serial_number"),
                        rs.getString("notice_before"),
                        rs.getString("contract_id"),
                        rs.getString("user_id"),
                        instant(rs, "not_after"),
                        instant(rs, "due_at"),
                        instant(rs, "renewable_from")))
                .list();
    }

    /** The unsent reminders whose time has come, and when the oldest of them was due (null when none is). */
    record Overdue(long count, Instant oldestDueAt) {}

    /** What waits for the scan: unsent reminders due by {@code now} (the due batch's index serves it too). */
    Overdue overdue(Instant now) {
        return jdbc.sql("SELECT COUNT(*) AS due, MIN(due_at) AS oldest FROM expiry_reminder"
                        + " WHERE sent_at IS NULL AND due_at <= ?")
                .param(utc(now))
                .query((rs, n) -> new Overdue(rs.getLong("due"), instant(rs, "oldest")))
                .single();
    }

    /** When a certificate's unsent reminders are due. */
    List<Instant> unsentDueTimes(String serialNumber) {
        return jdbc.sql("SELECT due_at FROM expiry_reminder WHERE serial_number = ? AND sent_at IS NULL")
                .param(serialNumber)
                .query((rs, n) -> instant(rs, "due_at"))
                .list();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM expiry_reminder WHERE id = ?").param(id).update();
    }

    /** Marks a reminder done (SENT or SKIPPED): the stamp that makes each reminder go once. */
    void stamp(long id, Instant at, String outcome) {
        jdbc.sql("UPDATE expiry_reminder SET sent_at = ?, outcome = ? WHERE id = ?")
                .params(utc(at), outcome, id)
                .update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

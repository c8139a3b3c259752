package io.inkan.notification.expiry;

import io.inkan.events.CertificateIssued;
import io.inkan.events.ExpiryApproaching;
import io.inkan.events.MailKind;
import io.inkan.events.Realm;
import io.inkan.notification.NotificationEvents;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.directory.Recipient;
import io.inkan.notification.mail.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder schedule, after Boulder's expiration-mailer: one row per (certificate, offset), due at
 * notAfter − offset, and a scan that stamps each due row in the same transaction as its outgoing mail
 * and its ExpiryApproaching event, so each reminder goes once.
 *
 * <p>Policy:
 *
 * <ul>
 *   <li>An offset that was already past when the certificate was issued (a 30-day certificate and
 *       {@code P40D}) is not scheduled: the issuance mail already names the expiry date, and a reminder
 *       right after it would only be noise.
 *   <li>Catch-up: reminders that came due while the service was down still go, late but once, as long
 *       as the certificate has not expired. If several reminders of one certificate are due at once,
 *       only the nearest to expiry goes; the earlier ones are stamped {@code SKIPPED} (no flood).
 *   <li>A certificate that is revoked, replaced by a newer issuance for the same user, or expired leaves
 *       the schedule: its unsent rows are deleted; sent rows stay as the record.
 * </ul>
 */
public class ExpirySchedule {
    private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Directory directory;
    private final Mailer mailer;
    private final NotificationEvents events;
    private final List<NoticeOffset> offsets;
    private final int batchSize;
    private final Clock clock;

    public ExpirySchedule(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Directory directory,
            Mailer mailer,
            NotificationEvents events,
            List<NoticeOffset> offsets,
            int batchSize,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.directory = directory;
        this.mailer = mailer;
        this.events = events;
        this.offsets = List.copyOf(offsets);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Schedules a new certificate's reminders and drops those of the certificate it replaces. */
    public void certificateIssued(CertificateIssued event) {
        Instant issuedAt = event.issuedAt() != null ? event.issuedAt() : event.notBefore();
        boolean newerKnown = jdbc.sql("SELECT COUNT(*) FROM expiry_certificate WHERE contract_id = ? AND user_id = ?"
                                + " AND serial_number <> ? AND not_after > ?")
                        .params(event.contractId(), event.userId(), event.serialNumber(), utc(event.notAfter()))
                        .query(Long.class)
                        .single()
                > 0;
        jdbc.sql("INSERT INTO expiry_certificate (serial_number, contract_id, user_id, not_after, issued_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(event.serialNumber(), event.contractId(), event.userId(), utc(event.notAfter()), utc(issuedAt))
                .update();
        if (newerKnown) {
            log.info(
                    "Certificate {} is older than one already scheduled for its user; no reminders",
                    event.serialNumber());
            return;
        }
        int replaced = jdbc.sql("DELETE FROM expiry_reminder WHERE contract_id = ? AND user_id = ?"
                        + " AND serial_number <> ? AND sent_at IS NULL")
                .params(event.contractId(), event.userId(), event.serialNumber())
                .update();
        if (replaced > 0) {
            log.debug(
                    "Certificate {} replaces its user's older one: {} reminder(s) cancelled",
                    event.serialNumber(),
                    replaced);
        }
        if (!event.notAfter().isAfter(clock.instant())) {
            return; // already expired when we heard of it: nothing to remind of
        }
        for (NoticeOffset offset : offsets) {
            Instant due = offset.dueFor(event.notAfter());
            if (!due.isAfter(issuedAt)) {
                continue; // past at issuance: see the class comment
            }
            jdbc.sql("INSERT INTO expiry_reminder (serial_number, notice_before, contract_id, user_id, not_after,"
                            + " due_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(
                            event.serialNumber(),
                            offset.iso(),
                            event.contractId(),
                            event.userId(),
                            utc(event.notAfter()),
                            utc(due))
                    .update();
        }
    }

    /** A revoked or expired certificate gets no further reminders. */
    public void certificateEnded(String serialNumber) {
        jdbc.sql("DELETE FROM expiry_reminder WHERE serial_number = ? AND sent_at IS NULL")
                .param(serialNumber)
                .update();
    }

    /** Sends every reminder that is due, batch by batch; returns how many reminders went out. */
    public int scan() {
        int sent = 0;
        Batch batch;
        do {
            batch = transactions.execute(status -> scanBatch());
            sent += batch.sent();
        } while (batch.claimed() == batchSize);
        return sent;
    }

    private record Batch(int claimed, int sent) {}

    private record Due(
            long id,
            String serialNumber,
            String noticeBefore,
            String contractId,
            String userId,
            Instant notAfter,
            Instant dueAt) {}

    private Batch scanBatch() {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("SELECT id, serial_number, notice_before, contract_id, user_id, not_after, due_at"
                        + " FROM expiry_reminder WHERE sent_at IS NULL AND due_at <= ?"
                        + " ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(utc(now), batchSize)
                .query((rs, n) -> new Due(
                        rs.getLong("id"),
                        rs.getString("serial_number"),
                        rs.getString("notice_before"),
                        rs.getString("contract_id"),
                        rs.getString("user_id"),
                        rs.getObject("not_after", OffsetDateTime.class).toInstant(),
                        rs.getObject("due_at", OffsetDateTime.class).toInstant()))
                .list();
        int sent = 0;
        for (Due reminder : due) {
            if (!reminder.notAfter().isAfter(now)) {
                // expired before we got to it: no longer usable, so no reminder
                jdbc.sql("DELETE FROM expiry_reminder WHERE id = ?")
                        .param(reminder.id())
                        .update();
            } else if (nearerReminderDue(reminder, now)) {
                stamp(reminder, now, "SKIPPED");
            } else {
                stamp(reminder, now, "SENT");
                remind(reminder, now);
                sent++;
            }
        }
        return new Batch(due.size(), sent);
    }

    private boolean nearerReminderDue(Due reminder, Instant now) {
        return jdbc.sql("SELECT COUNT(*) FROM expiry_reminder WHERE serial_number = ? AND sent_at IS NULL"
                                + " AND due_at > ? AND due_at <= ?")
                        .params(reminder.serialNumber(), utc(reminder.dueAt()), utc(now))
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void stamp(Due reminder, Instant now, String outcome) {
        jdbc.sql("UPDATE expiry_reminder SET sent_at = ?, outcome = ? WHERE id = ?")
                .params(utc(now), outcome, reminder.id())
                .update();
    }

    private void remind(Due reminder, Instant now) {
        events.publish(new ExpiryApproaching(
                reminder.contractId(),
                reminder.userId(),
                reminder.serialNumber(),
                reminder.notAfter(),
                reminder.noticeBefore()));
        long daysLeft = ChronoUnit.DAYS.between(
                now.atZone(JST).toLocalDate(), reminder.notAfter().atZone(JST).toLocalDate());
        var letter = new Mailer.Letter(
                MailKind.EXPIRY_REMINDER,
                "expiry-reminder",
                reminder.serialNumber(),
                Map.of(
                        "notAfter", reminder.notAfter(),
                        "daysLeft", daysLeft,
                        "noticeBefore", reminder.noticeBefore()));
        Optional<Recipient> to = directory.find(reminder.contractId(), Realm.USER, reminder.userId());
        if (to.isPresent()) {
            mailer.send(to.get(), letter);
        } else {
            mailer.unknownRecipient(reminder.contractId(), reminder.userId(), letter);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

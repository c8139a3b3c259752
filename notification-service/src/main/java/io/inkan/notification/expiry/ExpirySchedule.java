package io.inkan.notification.expiry;

import io.inkan.events.CertificateIssued;
import io.inkan.events.ExpiryApproaching;
import io.inkan.events.MailKind;
import io.inkan.events.Realm;
import io.inkan.events.Span;
import io.inkan.messaging.TraceContexts;
import io.inkan.notification.NotificationEvents;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.directory.Recipient;
import io.inkan.notification.mail.Mailer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reminder schedule, after Boulder's expiration-mailer: one row per (certificate, offset), due at
 * notAfter − offset, and a scan that stamps each due row in the same transaction as its outgoing mail
 * and its ExpiryApproaching event, so each reminder goes once. Which reminders exist and which go is
 * {@link ReminderPolicy}'s; the rows are {@link ReminderRepository}'s; this class carries the policy out.
 *
 * <p>The reminder says from when the certificate may be renewed, as issuance-service decided it
 * ({@code CertificateIssued.renewableFrom}); this service does not read the renewal window.
 */
@Component
public class ExpirySchedule {
    private static final Logger log = LoggerFactory.getLogger(ExpirySchedule.class);
    private static final ZoneId JST = ZoneId.of("Asia/Tokyo");

    private final ReminderRepository reminders;
    private final TransactionTemplate transactions;
    private final Directory directory;
    private final Mailer mailer;
    private final NotificationEvents events;
    private final ReminderPolicy policy;
    private final int batchSize;
    private final Clock clock;
    private final TraceContexts traces;

    /** A schedule outside the service's context: another instance in a test, the reminder-scan benchmark. */
    public ExpirySchedule(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Directory directory,
            Mailer mailer,
            NotificationEvents events,
            List<NoticeOffset> offsets,
            int batchSize,
            Clock clock) {
        this(
                new ReminderRepository(jdbc),
                transactions,
                directory,
                mailer,
                events,
                offsets,
                batchSize,
                clock,
                TraceContexts.off());
    }

    @Autowired
    ExpirySchedule(
            ReminderRepository reminders,
            PlatformTransactionManager transactionManager,
            Directory directory,
            Mailer mailer,
            NotificationEvents events,
            ExpiryProperties properties,
            Clock clock,
            TraceContexts traces) {
        this(
                reminders,
                new TransactionTemplate(transactionManager),
                directory,
                mailer,
                events,
                properties.offsets(),
                properties.scanBatchSize(),
                clock,
                traces);
    }

    private ExpirySchedule(
            ReminderRepository reminders,
            TransactionTemplate transactions,
            Directory directory,
            Mailer mailer,
            NotificationEvents events,
            List<NoticeOffset> offsets,
            int batchSize,
            Clock clock,
            TraceContexts traces) {
        this.traces = traces;
        this.reminders = reminders;
        this.transactions = transactions;
        this.directory = directory;
        this.mailer = mailer;
        this.events = events;
        this.policy = new ReminderPolicy(offsets);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * Schedules a new certificate's reminders and drops those of the certificates it replaces.
     *
     * @return how long before notAfter each of its reminders goes (none for a certificate that gets none), which
     *     the issuance mail tells the user
     */
    public List<Span> certificateIssued(CertificateIssued event) {
        Instant issuedAt = event.issuedAt() != null ? event.issuedAt() : event.notBefore();
        var issued = new ReminderPolicy.Certificate(event.serialNumber(), event.notAfter());
        ReminderPolicy.Plan plan = policy.onIssued(
                issued, issuedAt, reminders.certificatesOf(event.contractId(), event.userId()), clock.instant());
        reminders.remember(event.serialNumber(), event.contractId(), event.userId(), event.notAfter(), issuedAt);
        if (!plan.replacesOthers()) {
            log.info(
                    "Certificate {} is older than one already scheduled for its user; no reminders",
                    event.serialNumber());
            return List.of();
        }
        int replaced = reminders.cancelUnsentOfOthers(event.contractId(), event.userId(), event.serialNumber());
        if (replaced > 0) {
            log.debug(
                    "Certificate {} replaces its user's older one: {} reminder(s) cancelled",
                    event.serialNumber(),
                    replaced);
        }
        for (ReminderPolicy.Reminder reminder : plan.reminders()) {
            reminders.schedule(
                    event.serialNumber(),
                    reminder.offset().iso(),
                    event.contractId(),
                    event.userId(),
                    event.notAfter(),
                    reminder.dueAt(),
                    event.renewableFrom(),
                    // the issuance's trace: its reminder mails, weeks later, are the end of the same journey
                    traces.current());
        }
        return plan.reminders().stream()
                .map(reminder -> Span.valueOf(reminder.offset().iso()))
                .toList();
    }

    /** A revoked or expired certificate gets no further reminders. */
    public void certificateEnded(String serialNumber) {
        reminders.cancelUnsent(serialNumber);
    }

    /** The user left the contract: none of their reminders goes any more; those sent stay on record. */
    public void userRemoved(String contractId, String userId) {
        int cancelled = reminders.cancelUnsentOfUser(contractId, userId);
        log.info("{}:{} removed from the contract: {} reminder(s) cancelled", contractId, userId, cancelled);
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

    private Batch scanBatch() {
        Instant now = clock.instant();
        List<ReminderRepository.Due> due = reminders.claimDue(now, batchSize);
        int sent = 0;
        for (ReminderRepository.Due reminder : due) {
            var verdict = policy.onDue(
                    reminder.notAfter(), reminder.dueAt(), reminders.unsentDueTimes(reminder.serialNumber()), now);
            switch (verdict) {
                case DROP -> reminders.delete(reminder.id());
                case SKIP -> reminders.stamp(reminder.id(), now, "SKIPPED");
                case SEND -> {
                    if (directory.removed(reminder.contractId(), Realm.USER, reminder.userId())) {
                        // removed while this scan held the row: its cancellation waited for the scan's lock
                        reminders.stamp(reminder.id(), now, "SKIPPED");
                    } else {
                        reminders.stamp(reminder.id(), now, "SENT");
                        traces.within(
                                reminders.traceContextOf(reminder.id()),
                                "expiry reminder",
                                () -> remind(reminder, now));
                        sent++;
                    }
                }
            }
        }
        return new Batch(due.size(), sent);
    }

    private void remind(ReminderRepository.Due reminder, Instant now) {
        events.publish(new ExpiryApproaching(
                reminder.contractId(),
                reminder.userId(),
                reminder.serialNumber(),
                reminder.notAfter(),
                reminder.noticeBefore()));
        long daysLeft = ChronoUnit.DAYS.between(
                now.atZone(JST).toLocalDate(), reminder.notAfter().atZone(JST).toLocalDate());
        Map<String, Object> variables = new HashMap<>();
        variables.put("notAfter", reminder.notAfter());
        variables.put("daysLeft", daysLeft);
        variables.put("noticeBefore", reminder.noticeBefore());
        variables.put("offset", Span.valueOf(reminder.noticeBefore())); // in words as offsetText: 40日, 2 minutes
        if (reminder.renewableFrom() != null) {
            variables.put("renewableFrom", reminder.renewableFrom()); // shown in JST as renewableFromJst
        }
        var letter = new Mailer.Letter(
                MailKind.EXPIRY_REMINDER, "expiry-reminder", reminder.serialNumber(), Map.copyOf(variables));
        Optional<Recipient> to = directory.find(reminder.contractId(), Realm.USER, reminder.userId());
        if (to.isPresent()) {
            mailer.send(to.get(), letter);
        } else {
            mailer.unknownRecipient(reminder.contractId(), reminder.userId(), letter);
        }
    }
}

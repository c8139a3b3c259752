package io.inkan.notification.mail;

import io.inkan.events.MailKind;
import io.inkan.events.NotificationFailed;
import io.inkan.events.Realm;
import io.inkan.messaging.Periodic;
import io.inkan.messaging.TraceContexts;
import io.inkan.notification.NotificationEvents;
import io.inkan.notification.directory.Recipient;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The mail feature's entry: queues a mail in the outgoing-mail table inside the caller's transaction, so
 * the mail exists exactly when the reason for it committed. The delivery worker sends it afterwards, woken when
 * the transaction commits.
 */
@Component
public class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JdbcClient jdbc;
    private final MailComposer composer;
    private final NotificationEvents events;
    private final Clock clock;
    private final Runnable wakeUpDelivery;
    private final TraceContexts traces;

    @Autowired
    Mailer(
            JdbcClient jdbc,
            NotificationEvents events,
            Clock clock,
            BankProperties bank,
            @Qualifier(MailConfiguration.DELIVERY_WORKER) Periodic deliveryWorker,
            TraceContexts traces) {
        this(jdbc, new MailComposer(bank.helpDeskContact()), events, clock, deliveryWorker::wakeUp, traces);
    }

    Mailer(JdbcClient jdbc, MailComposer composer, NotificationEvents events, Clock clock, Runnable wakeUpDelivery) {
        this(jdbc, composer, events, clock, wakeUpDelivery, TraceContexts.off());
    }

    private Mailer(
            JdbcClient jdbc,
            MailComposer composer,
            NotificationEvents events,
            Clock clock,
            Runnable wakeUpDelivery,
            TraceContexts traces) {
        this.traces = traces;
        this.jdbc = jdbc;
        this.composer = composer;
        this.events = events;
        this.clock = clock;
        this.wakeUpDelivery = wakeUpDelivery;
    }

    /** A mailer whose queued mails are delivered by whoever calls {@link MailDelivery#deliverDue()}. */
    public static Mailer create(JdbcClient jdbc, NotificationEvents events, Clock clock) {
        return new Mailer(jdbc, new MailComposer(), events, clock, () -> {});
    }

    /** What a mail is about: its kind, its template and the template's variables. */
    public record Letter(MailKind kind, String template, String serialNumber, Map<String, Object> variables) {}

    /**
     * Queues {@code letter} for {@code to}. A recipient without an e-mail address cannot be mailed: the
     * mail is recorded as failed and {@code NotificationFailed} published, never dropped silently.
     *
     * @return the notification ID
     */
    public String send(Recipient to, Letter letter) {
        var variables = new java.util.HashMap<>(letter.variables());
        variables.put("name", to.name() == null ? to.accountId() : to.name());
        variables.put("accountId", to.accountId());
        variables.put("serialNumber", letter.serialNumber());
        MailComposer.Composed mail = composer.compose(letter.template(), to.language(), variables);
        if (!to.hasEmail()) {
            return recordFailed(to.contractId(), to.accountId(), letter, mail, "no e-mail address on record");
        }
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        jdbc.sql("INSERT INTO outgoing_mail (notification_id, contract_id, account_id, kind, serial_number,"
                        + " recipient, subject, body, status, attempts, next_attempt_at, created_at, trace_context)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)")
                .params(
                        id,
                        to.contractId(),
                        to.accountId(),
                        letter.kind().name(),
                        letter.serialNumber(),
                        to.email(),
                        mail.subject(),
                        mail.body(),
                        now,
                        now,
                        // the delivery worker sends it later, in a span of this trace
                        traces.current())
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeUpDelivery.run();
                }
            });
        }
        return id;
    }

    /**
     * Holds {@code letter} for an account the directory does not know yet: its reason travelled on another topic
     * than the account's registration and overtook it. {@link HeldMails} composes and queues it once the
     * directory knows the account, or records it failed after {@code until}. Its subject and body meanwhile are
     * what a failure would show.
     */
    String hold(String contractId, Realm realm, String accountId, Letter letter, Instant until) {
        MailComposer.Composed mail =
                composer.compose(letter.template(), Recipient.JAPANESE, anonymous(accountId, letter));
        String id = UUID.randomUUID().toString();
        log.info(
                "Mail {} {} to {}:{} waits until the directory knows its recipient",
                letter.kind(),
                id,
                contractId,
                accountId);
        jdbc.sql("INSERT INTO outgoing_mail (notification_id, contract_id, account_id, realm, kind, serial_number,"
                        + " recipient, subject, body, status, attempts, next_attempt_at, created_at, trace_context,"
                        + " held_letter) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, 'HELD', 0, ?, ?, ?, ?)")
                .params(
                        id,
                        contractId,
                        accountId,
                        realm.name(),
                        letter.kind().name(),
                        letter.serialNumber(),
                        mail.subject(),
                        mail.body(),
                        OffsetDateTime.ofInstant(until, ZoneOffset.UTC),
                        now(),
                        traces.current(),
                        HeldLetters.write(letter))
                .update();
        return id;
    }

    /** A held mail whose recipient never became known: failed, as a mail to an unknown recipient is. */
    void giveUp(String notificationId, String contractId, String accountId, MailKind kind, String serialNumber) {
        OffsetDateTime now = now();
        String error = "recipient not in the directory";
        int marked = jdbc.sql("UPDATE outgoing_mail SET status = 'FAILED', failed_at = ?, last_error = ?,"
                        + " held_letter = NULL WHERE notification_id = ? AND status = 'HELD'")
                .params(now, error, notificationId)
                .update();
        if (marked == 1) {
            log.warn("Cannot mail {} {} to {}:{}: {}", kind, notificationId, contractId, accountId, error);
            events.publish(new NotificationFailed(
                    notificationId, contractId, accountId, kind, serialNumber, error, now.toInstant()));
        }
    }

    /** Records that {@code accountId} could not be mailed because the directory does not know them. */
    public String unknownRecipient(String contractId, String accountId, Letter letter) {
        MailComposer.Composed mail =
                composer.compose(letter.template(), Recipient.JAPANESE, anonymous(accountId, letter));
        return recordFailed(contractId, accountId, letter, mail, "recipient not in the directory");
    }

    private static Map<String, Object> anonymous(String accountId, Letter letter) {
        var variables = new java.util.HashMap<>(letter.variables());
        variables.put("name", accountId);
        variables.put("accountId", accountId);
        variables.put("serialNumber", letter.serialNumber());
        return variables;
    }

    private String recordFailed(
            String contractId, String accountId, Letter letter, MailComposer.Composed mail, String error) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        log.warn("Cannot mail {} {} to {}:{}: {}", letter.kind(), id, contractId, accountId, error);
        jdbc.sql("INSERT INTO outgoing_mail (notification_id, contract_id, account_id, kind, serial_number,"
                        + " recipient, subject, body, status, attempts, next_attempt_at, last_error, created_at,"
                        + " failed_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, 'FAILED', 0, ?, ?, ?, ?)")
                .params(
                        id,
                        contractId,
                        accountId,
                        letter.kind().name(),
                        letter.serialNumber(),
                        mail.subject(),
                        mail.body(),
                        now,
                        error,
                        now,
                        now)
                .update();
        events.publish(new NotificationFailed(
                id, contractId, accountId, letter.kind(), letter.serialNumber(), error, now.toInstant()));
        return id;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}

package io.inkan.notification.mail;

import io.inkan.events.MailKind;
import io.inkan.events.NotificationFailed;
import io.inkan.events.NotificationSent;
import io.inkan.messaging.TraceContexts;
import io.inkan.notification.NotificationEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued mails, one at a time: claim the oldest due mail ({@code FOR UPDATE SKIP LOCKED}, then a lease
 * and a claim token, committed), send it outside any transaction, record its outcome only if the claim still
 * holds, then claim the next. A lease covers one send, never a queue of them, and it outlasts the slowest send
 * the SMTP timeouts allow ({@link MailLease}), so while one instance is sending a mail, even slowly, no other
 * instance takes it, and the others send the rest of the queue meanwhile. Only a crash (or a stall longer
 * than the timeouts) between the SMTP server's acceptance and the stamp sends a mail again, once its lease has
 * run out: at most that one mail, counted as {@code inkan.mail.resent}. A server that received the whole mail but
 * answers its end of data only after the read timeout has stored it: the mail is recorded as sent, counted as
 * {@code inkan.mail.unconfirmed}, and never sent again (on a loaded machine this sent issuance mails twice, and
 * delayed them by the back-off). A server that is down is retried with exponential back-off (each postponed attempt
 * counted as {@code inkan.mail.retried}); a permanent refusal (5xx, a malformed address) or the last attempt marks the
 * mail
 * failed and publishes {@code NotificationFailed}.
 */
@Component
public class MailDelivery {
    /** Mails claimed again after an earlier attempt's lease ran out with no outcome recorded. */
    static final String RESENT = "inkan.mail.resent";
    /** Attempts that failed for a reason that may pass (the SMTP server away, a 4xx) and will be tried again. */
    static final String RETRIED = "inkan.mail.retried";

    /** Mails handed over whole whose acceptance the SMTP server did not confirm in time; not sent again. */
    static final String UNCONFIRMED = "inkan.mail.unconfirmed";

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final String UTF_8 = "UTF-8";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender sender;
    private final NotificationEvents events;
    private final MailDeliveryProperties properties;
    private final Duration lease;
    private final Counter resent;
    private final Counter retried;
    private final Counter unconfirmed;
    private final Clock clock;
    private final TraceContexts traces;
    private volatile boolean smtpFailing;

    /**
     * @throws IllegalStateException when the lease cannot cover one send under the SMTP timeouts (the
     *     service does not start)
     */
    public MailDelivery(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JavaMailSender sender,
            NotificationEvents events,
            MailDeliveryProperties properties,
            MeterRegistry meters,
            Clock clock) {
        this(jdbc, transactions, sender, events, properties, meters, clock, TraceContexts.off());
    }

    /** The service's delivery, which sends each mail in a span of the trace the mail was queued in. */
    @Autowired
    public MailDelivery(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JavaMailSender sender,
            NotificationEvents events,
            MailDeliveryProperties properties,
            MeterRegistry meters,
            Clock clock,
            TraceContexts traces) {
        MailStreams.nameProvider();
        this.traces = traces;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.sender = sender;
        this.events = events;
        this.properties = properties;
        this.lease = MailLease.of(sender, properties.lease());
        this.resent = Counter.builder(RESENT)
                .description("Mails sent again because an earlier attempt's lease ran out before its outcome was"
                        + " recorded (an instance died or stalled mid-send): each may have reached its recipient"
                        + " twice")
                .register(meters);
        this.retried = Counter.builder(RETRIED)
                .description("Failed attempts at a mail that will be tried again after a back-off")
                .register(meters);
        this.unconfirmed = Counter.builder(UNCONFIRMED)
                .description("Mails the SMTP server received whole but did not confirm within the read timeout:"
                        + " recorded as sent and not sent again (most likely they arrived)")
                .register(meters);
        this.clock = clock;
    }

    /**
     * A claimed mail. {@code abandonedLeaseEnd} is set when an earlier attempt claimed it and recorded no
     * outcome before its lease ended at that time: the SMTP server may have accepted that attempt.
     */
    record Claimed(
            String id,
            String contractId,
            String accountId,
            MailKind kind,
            String serialNumber,
            String recipient,
            String subject,
            String body,
            int attempts,
            String token,
            OffsetDateTime abandonedLeaseEnd,
            String traceContext) {}

    /** Sends what is due, one mail at a time, until nothing is; returns how many mails were attempted. */
    public int deliverDue() {
        int total = 0;
        for (Optional<Claimed> mail = claimNext(); mail.isPresent(); mail = claimNext()) {
            deliver(mail.get());
            total++;
        }
        return total;
    }

    /** Claims the oldest due mail that no other instance holds, for one lease. */
    Optional<Claimed> claimNext() {
        Optional<Claimed> claimed = transactions.execute(status -> {
            OffsetDateTime now = now();
            String token = UUID.randomUUID().toString();
            Optional<Claimed> row = jdbc.sql("SELECT notification_id, contract_id, account_id, kind, serial_number,"
                            + " recipient, subject, body, attempts, claim_token, next_attempt_at, trace_context"
                            + " FROM outgoing_mail"
                            + " WHERE status = 'PENDING' AND next_attempt_at <= ?"
                            + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")
                    .params(now)
                    .query((rs, n) -> new Claimed(
                            rs.getString("notification_id"),
                            rs.getString("contract_id"),
                            rs.getString("account_id"),
                            MailKind.valueOf(rs.getString("kind")),
                            rs.getString("serial_number"),
                            rs.getString("recipient"),
                            rs.getString("subject"),
                            rs.getString("body"),
                            rs.getInt("attempts") + 1,
                            token,
                            // every outcome clears the token: one still there is a claim that ended without one
                            rs.getString("claim_token") == null
                                    ? null
                                    : rs.getObject("next_attempt_at", OffsetDateTime.class),
                            rs.getString("trace_context")))
                    .optional();
            row.ifPresent(mail -> jdbc.sql("UPDATE outgoing_mail SET attempts = attempts + 1, claim_token = ?,"
                            + " next_attempt_at = ? WHERE notification_id = ?")
                    .params(token, now.plus(lease), mail.id())
                    .update());
            return row;
        });
        // counted once the claim committed: a claim that rolled back sends nothing
        claimed.filter(mail -> mail.abandonedLeaseEnd() != null).ifPresent(mail -> {
            resent.increment();
            log.warn(
                    "Mail {} ({}) is sent again: attempt {} recorded no outcome before its lease ended at {}"
                            + " (its instance died or stalled mid-send), so its recipient may get it twice",
                    mail.id(),
                    mail.kind(),
                    mail.attempts() - 1,
                    mail.abandonedLeaseEnd());
        });
        return claimed;
    }

    /**
     * Sends {@code mail} and records the outcome, if the claim still holds, in a span of the trace the mail was
     * queued in: its log lines and its NotificationSent (or NotificationFailed) belong to that trace.
     */
    void deliver(Claimed mail) {
        traces.within(mail.traceContext(), "mail send", () -> deliverInTrace(mail));
    }

    private void deliverInTrace(Claimed mail) {
        HandedOver message = null;
        try {
            message = message(mail);
            sender.send(message);
        } catch (MailException | MessagingException e) {
            if (message != null && acceptedDespite(message, e)) {
                sent(mail); // the session failed only after the server had said yes (QUIT unanswered, say)
            } else if (message != null && unanswered(message, e)) {
                unconfirmed(mail, e);
            } else {
                failed(mail, e);
            }
            return;
        }
        sent(mail);
    }

    private void sent(Claimed mail) {
        if (smtpFailing) {
            log.info("The SMTP server accepts mail again");
            smtpFailing = false;
        }
        stampSent(mail, null);
    }

    /** Records {@code mail} as sent, if the claim still holds, and tells the other services. */
    private void stampSent(Claimed mail, String note) {
        transactions.executeWithoutResult(status -> {
            OffsetDateTime now = now();
            int stamped = jdbc.sql("UPDATE outgoing_mail SET status = 'SENT', sent_at = ?, claim_token = NULL,"
                            + " last_error = ? WHERE notification_id = ? AND claim_token = ?")
                    .params(now, note, mail.id(), mail.token())
                    .update();
            if (stamped == 1) {
                events.publish(new NotificationSent(
                        mail.id(),
                        mail.contractId(),
                        mail.accountId(),
                        mail.kind(),
                        mail.serialNumber(),
                        now.toInstant()));
            }
        });
    }

    /**
     * The server got the whole mail and its end-of-data, then did not answer within {@code mail.smtp.timeout}: it
     * has most likely stored the mail and is merely slow (a loaded server, a content scan), so sending it again
     * would mail the recipient twice, and a second issuance notice reads as a second issuance. The mail is
     * recorded as sent, with the reason, counted and logged, and never sent again.
     */
    private void unconfirmed(Claimed mail, Exception failure) {
        unconfirmed.increment();
        log.warn(
                "Mail {} ({}) was handed over whole but the SMTP server did not confirm it in time; it is recorded as"
                        + " sent and not sent again, so that its recipient does not get it twice: {}",
                mail.id(),
                mail.kind(),
                describe(failure));
        String error = "unconfirmed: " + describe(failure);
        stampSent(mail, error.length() > 1000 ? error.substring(0, 1000) : error);
    }

    /** Hands {@code mail} to the SMTP server; when this returns, the server has accepted it. */
    void transmit(Claimed mail) throws MessagingException {
        sender.send(message(mail));
    }

    /**
     * Spring's sender reports a failure to close the session (QUIT unanswered) after the message was accepted as a
     * {@link MailSendException} that names no failed message (a failure before or during the send names it): the
     * mail went.
     */
    static boolean acceptedDespite(HandedOver message, Exception failure) {
        return message.written()
                && failure instanceof MailSendException send
                && send.getFailedMessages().isEmpty();
    }

    /**
     * Whether the server had the whole message and the session then timed out waiting for its answer, with no
     * reply at all: neither a refusal (which has a reply code and is handled as before) nor a failure before the
     * message's end.
     */
    static boolean unanswered(HandedOver message, Exception failure) {
        if (!message.written()) {
            return false;
        }
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = failure; t != null; t = next(t)) {
            causes.add(t);
        }
        if (failure instanceof MailSendException send) {
            // Spring's sender keeps each message's own failure beside, not under, the exception it throws
            for (Exception e : send.getFailedMessages().values()) {
                for (Throwable t = e; t != null; t = next(t)) {
                    causes.add(t);
                }
            }
        }
        boolean timedOut = false;
        for (Throwable t : causes) {
            if (smtpReturnCode(t) > 0) {
                return false; // the server answered: a refusal, handled as before
            }
            timedOut |= t instanceof java.net.SocketTimeoutException;
        }
        return timedOut;
    }

    private HandedOver message(Claimed mail) throws MessagingException {
        // Filled directly, as Spring's MimeMessageHelper fills a plain-text message, without the helper: it loads the
        // MIME types file again for every message it is made for.
        HandedOver message = new HandedOver(sender.createMimeMessage().getSession());
        message.setFrom(address(properties.from()));
        message.setRecipient(Message.RecipientType.TO, address(mail.recipient()));
        message.setSubject(mail.subject(), UTF_8);
        message.setText(mail.body(), UTF_8);
        message.setHeader("X-Inkan-Notification-Id", mail.id());
        // Lets support find the trace of a mail a customer forwards; a trace id is a random correlation number.
        String traceId = TraceContexts.traceIdOf(mail.traceContext());
        if (traceId != null) {
            message.setHeader("X-Inkan-Trace-Id", traceId);
        }
        return message;
    }

    /** One address, its display name (a bank's name in Japanese) encoded in UTF-8. */
    static InternetAddress address(String text) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(text);
        if (parsed.length != 1) {
            throw new AddressException("Not one address", text);
        }
        try {
            return new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A message that knows whether it was written out whole to the SMTP session (the mail's DATA): only then can
     * the server have accepted it.
     */
    static final class HandedOver extends MimeMessage {
        private volatile boolean written;

        HandedOver(jakarta.mail.Session session) {
            super(session);
        }

        @Override
        public void writeTo(java.io.OutputStream out, String[] ignoreList)
                throws java.io.IOException, MessagingException {
            super.writeTo(out, ignoreList);
            written = true;
        }

        boolean written() {
            return written;
        }
    }

    private void failed(Claimed mail, Exception failure) {
        boolean permanent = isPermanent(failure);
        String error = describe(failure);
        boolean lastAttempt = mail.attempts() >= properties.maxAttempts();
        Boolean willRetry = transactions.execute(status -> {
            OffsetDateTime now = now();
            if (permanent || lastAttempt) {
                int marked = jdbc.sql("UPDATE outgoing_mail SET status = 'FAILED', failed_at = ?, last_error = ?,"
                                + " claim_token = NULL WHERE notification_id = ? AND claim_token = ?")
                        .params(now, error, mail.id(), mail.token())
                        .update();
                if (marked == 1) {
                    log.warn(
                            "Mail {} ({}) failed for good after {} attempt(s): {}",
                            mail.id(),
                            mail.kind(),
                            mail.attempts(),
                            error);
                    events.publish(new NotificationFailed(
                            mail.id(),
                            mail.contractId(),
                            mail.accountId(),
                            mail.kind(),
                            mail.serialNumber(),
                            error,
                            now.toInstant()));
                }
                return false;
            }
            int postponed = jdbc.sql("UPDATE outgoing_mail SET next_attempt_at = ?, last_error = ?, claim_token = NULL"
                            + " WHERE notification_id = ? AND claim_token = ?")
                    .params(now.plus(properties.backoffAfter(mail.attempts())), error, mail.id(), mail.token())
                    .update();
            if (!smtpFailing) {
                log.warn("Cannot send mail yet, will retry with back-off: {}", error);
                smtpFailing = true;
            }
            return postponed == 1;
        });
        // counted once the postponement committed, and only while the claim still held
        if (Boolean.TRUE.equals(willRetry)) {
            retried.increment();
        }
    }

    /** A 5xx reply or an unusable message will not get better by trying again; anything else might. */
    static boolean isPermanent(Throwable failure) {
        if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
            return true;
        }
        if (failure instanceof MailSendException send) {
            for (Exception e : send.getFailedMessages().values()) {
                if (isPermanent(e)) {
                    return true;
                }
            }
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof AddressException) {
                return true;
            }
            int code = smtpReturnCode(t);
            if (code >= 500 && code < 600) {
                return true;
            }
        }
        return false;
    }

    /**
     * The SMTP reply code of Angus Mail's SMTP exceptions ({@code SMTPAddressFailedException},
     * {@code SMTPSendFailedException}, ...), read reflectively because Angus is only a runtime dependency.
     */
    private static int smtpReturnCode(Throwable t) {
        if (!(t instanceof MessagingException)) {
            return -1;
        }
        try {
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            return code instanceof Integer i ? i : -1;
        } catch (ReflectiveOperationException notAnSmtpReply) {
            return -1;
        }
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (root != failure) {
            text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

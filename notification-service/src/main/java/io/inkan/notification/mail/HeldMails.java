package io.inkan.notification.mail;

import io.inkan.events.MailKind;
import io.inkan.events.Realm;
import io.inkan.notification.directory.Directory;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases the mails {@link Mailer#hold held} for recipients the directory did not know yet: once admin-service's
 * registration has arrived, each is composed for its recipient and queued for delivery; a recipient who left
 * meanwhile gets none; one who never arrives makes it fail when its wait is over. Run periodically by every
 * instance; each held mail is claimed ({@code FOR UPDATE SKIP LOCKED}) by one instance in one transaction, so it is
 * queued once.
 */
@Component
class HeldMails {
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Directory directory;
    private final Mailer mailer;
    private final Clock clock;

    HeldMails(JdbcClient jdbc, TransactionTemplate transactions, Directory directory, Mailer mailer, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.directory = directory;
        this.mailer = mailer;
        this.clock = clock;
    }

    private record Held(
            String id,
            String contractId,
            Realm realm,
            String accountId,
            MailKind kind,
            String serialNumber,
            String letter,
            OffsetDateTime waitUntil) {}

    /** Releases or gives up what it can; returns how many held mails it settled. */
    int releaseKnown() {
        Integer settled = transactions.execute(status -> {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
            List<Held> held = jdbc.sql("SELECT notification_id, contract_id, realm, account_id, kind, serial_number,"
                            + " held_letter, next_attempt_at FROM outgoing_mail o WHERE status = 'HELD'"
                            // only what can be settled now, so that mails still waiting never crowd out the rest
                            + " AND (next_attempt_at <= ? OR EXISTS (SELECT 1 FROM directory_entry d"
                            + " WHERE d.contract_id = o.contract_id AND d.realm = o.realm"
                            + " AND d.account_id = o.account_id))"
                            + " ORDER BY created_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                    .param(now)
                    .query((rs, n) -> new Held(
                            rs.getString("notification_id"),
                            rs.getString("contract_id"),
                            Realm.valueOf(rs.getString("realm")),
                            rs.getString("account_id"),
                            MailKind.valueOf(rs.getString("kind")),
                            rs.getString("serial_number"),
                            rs.getString("held_letter"),
                            rs.getObject("next_attempt_at", OffsetDateTime.class)))
                    .list();
            int count = 0;
            for (Held mail : held) {
                if (directory.removed(mail.contractId(), mail.realm(), mail.accountId())) {
                    delete(mail); // the user left the contract: nobody mails them any more
                    count++;
                    continue;
                }
                var recipient = directory.find(mail.contractId(), mail.realm(), mail.accountId());
                if (recipient.isPresent()) {
                    mailer.send(recipient.get(), HeldLetters.read(mail.letter()));
                    delete(mail);
                    count++;
                } else if (!mail.waitUntil().isAfter(now)) {
                    mailer.giveUp(mail.id(), mail.contractId(), mail.accountId(), mail.kind(), mail.serialNumber());
                    count++;
                }
            }
            return count;
        });
        return settled == null ? 0 : settled;
    }

    private void delete(Held mail) {
        jdbc.sql("DELETE FROM outgoing_mail WHERE notification_id = ? AND status = 'HELD'")
                .param(mail.id())
                .update();
    }
}

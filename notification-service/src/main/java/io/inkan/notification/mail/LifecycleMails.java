package io.inkan.notification.mail;

import io.inkan.events.AccountLocked;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.MailKind;
import io.inkan.events.PasswordChanged;
import io.inkan.events.Realm;
import io.inkan.events.RevocationCause;
import io.inkan.events.RevocationReason;
import io.inkan.events.Span;
import io.inkan.events.UserRemoved;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.directory.Recipient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Mails on issuance, revocation, removal, lock-out and password change. Called by the service's one listener of each
 * event type; each mail is queued in the transaction that marks the event applied, so a redelivered event mails
 * nobody twice. Every mail says whom to call (the help desk) and none carries a link: renewal is the pretext of
 * phishing calls and mails, so a customer can tell the bank's mails by what they lack.
 */
@Component
public class LifecycleMails {
    private final Directory directory;
    private final Mailer mailer;
    private final RevocationNoticeRepository revocationNotices;
    private final Clock clock;
    private final Duration recipientWait;

    @Autowired
    LifecycleMails(
            Directory directory,
            Mailer mailer,
            RevocationNoticeRepository revocationNotices,
            Clock clock,
            MailDeliveryProperties properties) {
        this.directory = directory;
        this.mailer = mailer;
        this.revocationNotices = revocationNotices;
        this.clock = clock;
        this.recipientWait = properties.recipientWait();
    }

    /**
     * Tells the user plainly that a certificate was just issued for their ID, through which channel, and whom to
     * call if they did not ask: with a password alone, someone else may have obtained it.
     *
     * @param reminders how long before notAfter its reminders go, as the schedule planned them
     */
    public void certificateIssued(CertificateIssued event, List<Span> reminders) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("notBefore", event.notBefore());
        variables.put("notAfter", event.notAfter());
        variables.put("issuedAt", event.issuedAt() != null ? event.issuedAt() : event.notBefore());
        variables.put("fingerprint", event.sha256Fingerprint());
        variables.put("renewal", event.replacesSerialNumber() != null);
        variables.put("channel", event.channel() == null ? "" : event.channel().name());
        variables.put("reminders", List.copyOf(reminders)); // in words as remindersText
        variables.put("hasReminders", !reminders.isEmpty());
        if (event.renewableFrom() != null) {
            variables.put("renewableFrom", event.renewableFrom());
        }
        mail(
                event.contractId(),
                Realm.USER,
                event.userId(),
                new Mailer.Letter(MailKind.CERTIFICATE_ISSUED, "certificate-issued", event.serialNumber(), variables));
    }

    /**
     * Says why a certificate was revoked and what to do next, by the act that revoked it (its cause), once per act.
     * A certificate superseded by a renewal is revoked as a matter of course: the issuance mail already told the
     * user of the new one. A user's removal is told by {@link #userRemoved}, once, whatever was revoked. An event
     * without a cause (an older issuance-service) is mailed unless its reason is {@code superseded}.
     */
    public void certificateRevoked(CertificateRevoked event) {
        RevocationCause cause = event.cause();
        if (cause == RevocationCause.RENEWAL
                || cause == RevocationCause.USER_REMOVAL
                || (cause == null && event.reason() == RevocationReason.SUPERSEDED)) {
            return;
        }
        if (cause != null && !revocationNotices.claim(event)) {
            return; // another certificate revoked by the same act: the user was told once
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("revokedAt", event.revokedAt());
        variables.put("reason", event.reason().rfcName());
        variables.put("cause", cause == null ? "" : cause.name());
        mail(
                event.contractId(),
                Realm.USER,
                event.userId(),
                new Mailer.Letter(
                        MailKind.CERTIFICATE_REVOKED, "certificate-revoked", event.serialNumber(), variables));
    }

    /**
     * The user left the contract: their certificates are revoked and their ID opens nothing any more. One last mail
     * says so, sent before the directory forgets them; their certificates' revocations are not mailed one by one.
     */
    public void userRemoved(UserRemoved event) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("removedAt", event.removedAt());
        mail(
                event.contractId(),
                Realm.USER,
                event.userId(),
                new Mailer.Letter(MailKind.CERTIFICATE_REVOKED, "user-removed", null, variables));
    }

    /** To the locked account, and to the contract's administrators, who are the ones who can unlock it. */
    public void accountLocked(AccountLocked event) {
        if (event.contractId() == null || event.realm() == Realm.OPERATOR) {
            return; // bank operators are not customers; their lock-outs are the bank's own business
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("lockedAt", event.lockedAt());
        variables.put("failedAttempts", event.failedAttempts());
        variables.put("lockedAccountId", event.accountId());
        mail(
                event.contractId(),
                event.realm(),
                event.accountId(),
                new Mailer.Letter(MailKind.ACCOUNT_LOCKED, "account-locked", null, variables));
        for (Recipient admin : directory.administrators(event.contractId())) {
            if (event.realm() == Realm.ADMIN && admin.accountId().equals(event.accountId())) {
                continue; // already told above
            }
            mailer.send(admin, new Mailer.Letter(MailKind.ACCOUNT_LOCKED, "account-locked-admin", null, variables));
        }
    }

    /**
     * To the account whose password changed, by its holder or by the administrator's reset; never the password.
     * Bank operators are not customers and get none.
     */
    public void passwordChanged(PasswordChanged event) {
        if (event.contractId() == null || event.realm() == Realm.OPERATOR) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("changedAt", event.changedAt());
        boolean reset = event.changedBy() == PasswordChanged.ChangedBy.ADMINISTRATOR;
        mail(
                event.contractId(),
                event.realm(),
                event.accountId(),
                new Mailer.Letter(
                        MailKind.PASSWORD_CHANGED, reset ? "password-reset" : "password-changed", null, variables));
    }

    private void mail(String contractId, Realm realm, String accountId, Mailer.Letter letter) {
        if (directory.removed(contractId, realm, accountId)) {
            return; // the user left the contract: no mail of any kind (UserRemoved)
        }
        Optional<Recipient> to = directory.find(contractId, realm, accountId);
        if (to.isPresent()) {
            mailer.send(to.get(), letter);
        } else {
            // admin-service's registration travels on another topic and may come later: wait for it
            mailer.hold(contractId, realm, accountId, letter, clock.instant().plus(recipientWait));
        }
    }
}

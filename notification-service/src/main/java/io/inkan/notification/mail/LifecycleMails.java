package io.inkan.notification.mail;

import io.inkan.events.AccountLocked;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.MailKind;
import io.inkan.events.PasswordChanged;
import io.inkan.events.Realm;
import io.inkan.events.RevocationReason;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.directory.Recipient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Mails on issuance, revocation, lock-out and password change. Called by the service's one listener of each event type; each mail
 * is queued in the transaction that marks the event applied, so a redelivered event mails nobody twice.
 */
@Component
public class LifecycleMails {
    private final Directory directory;
    private final Mailer mailer;

    LifecycleMails(Directory directory, Mailer mailer) {
        this.directory = directory;
        this.mailer = mailer;
    }

    public void certificateIssued(CertificateIssued event) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("notBefore", event.notBefore());
        variables.put("notAfter", event.notAfter());
        variables.put("fingerprint", event.sha256Fingerprint());
        variables.put("renewal", event.replacesSerialNumber() != null);
        mail(
                event.contractId(),
                Realm.USER,
                event.userId(),
                new Mailer.Letter(MailKind.CERTIFICATE_ISSUED, "certificate-issued", event.serialNumber(), variables));
    }

    /**
     * A certificate superseded by its renewal is revoked as a matter of course; the user was already told
     * about the new certificate, so only other revocations are mailed.
     */
    public void certificateRevoked(CertificateRevoked event) {
        if (event.reason() == RevocationReason.SUPERSEDED) {
            return;
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("revokedAt", event.revokedAt());
        variables.put("reason", event.reason().rfcName());
        mail(
                event.contractId(),
                Realm.USER,
                event.userId(),
                new Mailer.Letter(
                        MailKind.CERTIFICATE_REVOKED, "certificate-revoked", event.serialNumber(), variables));
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
        variables.put("byAdministrator", event.changedBy() == PasswordChanged.ChangedBy.ADMINISTRATOR);
        mail(
                event.contractId(),
                event.realm(),
                event.accountId(),
                new Mailer.Letter(MailKind.PASSWORD_CHANGED, "password-changed", null, variables));
    }

    private void mail(String contractId, Realm realm, String accountId, Mailer.Letter letter) {
        if (directory.removed(contractId, realm, accountId)) {
            return; // the user left the contract: no mail of any kind (UserRemoved)
        }
        Optional<Recipient> to = directory.find(contractId, realm, accountId);
        if (to.isPresent()) {
            mailer.send(to.get(), letter);
        } else {
            mailer.unknownRecipient(contractId, accountId, letter);
        }
    }
}

package io.inkan.auth.credential;

import io.inkan.auth.token.SessionEnds;
import io.inkan.events.AccountUnlocked;
import io.inkan.events.PasswordChanged;
import io.inkan.events.PasswordResetOrdered;
import io.inkan.events.Realm;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Applies a contract administrator's password reset: the temporary password arrives sealed like an initial one and
 * is stored sealed, to be hashed off the consumer thread ({@link SealedPasswordHashing}); it is the password from this
 * commit on. A reset also unlocks the user, as a bank's reset does (the user locked out is the
 * usual reason to ask for one), and ends every session the user opened before it. Then {@code PasswordChanged}
 * (by ADMINISTRATOR), and {@code AccountUnlocked} when the user was locked.
 */
@Component
class PasswordResets {
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final AccountRepository accounts;
    private final SealedPasswords sealedPasswords;
    private final SealedPasswordHashing hashing;
    private final SessionEnds sessions;
    private final Outbox outbox;
    private final Clock clock;

    PasswordResets(
            AccountRepository accounts,
            SealedPasswords sealedPasswords,
            SealedPasswordHashing hashing,
            SessionEnds sessions,
            Outbox outbox,
            Clock clock) {
        this.hashing = hashing;
        this.accounts = accounts;
        this.sealedPasswords = sealedPasswords;
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @EventListener
    void on(PasswordResetOrdered event) {
        AccountKey key = AccountKey.user(event.contractId(), event.userId());
        var account = accounts.findForUpdate(key);
        if (account.isEmpty()) {
            // admin-service resets only users it registered, and their registration came first on this key.
            log.warn("Password reset of {}:{} names no account here; ignored", event.contractId(), event.userId());
            return;
        }
        sealedPasswords.check(
                event.sealedTemporaryPassword(), "temporary password of " + event.contractId() + ":" + event.userId());
        Instant now = clock.instant();
        accounts.changePasswordSealed(key, event.sealedTemporaryPassword(), now, true);
        hashing.wakeUpAfterCommit();
        sessions.endSessionsOf(key.contractId(), key.accountId(), "password reset by " + event.orderedBy());
        outbox.append(new PasswordChanged(
                Realm.USER, key.contractId(), key.accountId(), PasswordChanged.ChangedBy.ADMINISTRATOR, now));
        if (account.get().state().locked()) {
            outbox.append(new AccountUnlocked(Realm.USER, key.contractId(), key.accountId(), now));
        }
        log.info("Password of {}:{} reset by {}", key.contractId(), key.accountId(), event.orderedBy());
    }
}

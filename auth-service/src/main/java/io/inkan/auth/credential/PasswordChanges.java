package io.inkan.auth.credential;

import io.inkan.auth.token.SessionEnds;
import io.inkan.events.PasswordChanged;
import io.inkan.events.Realm;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A holder changes their own password (docs/contract.md §4, {@code POST /api/v1/password-changes}). The current
 * password is checked exactly like a logon's, under the lock-out rule and the bound on Argon2 checks, so a stolen
 * session is no way to guess it; only once it is right are the rules for the new one asked. The new password is
 * hashed under the same bound, then stored with the end of every session opened before it and the
 * {@code PasswordChanged} event, in one transaction.
 */
@Service
public class PasswordChanges {
    private static final Logger log = LoggerFactory.getLogger(PasswordChanges.class);

    /** How a change ended. */
    public enum Outcome {
        CHANGED,
        /** The current password was wrong (a failed attempt was counted). */
        REJECTED,
        /** The account is locked; nothing was checked. */
        LOCKED,
        PASSWORD_TOO_SHORT,
        PASSWORD_SAME_AS_ID,
        PASSWORD_UNCHANGED;

        /** What to tell the holder about a rule the new password breaks. */
        public String detail() {
            return switch (this) {
                case PASSWORD_TOO_SHORT -> PasswordRules.Breach.PASSWORD_TOO_SHORT.detail();
                case PASSWORD_SAME_AS_ID -> PasswordRules.Breach.PASSWORD_SAME_AS_ID.detail();
                case PASSWORD_UNCHANGED -> PasswordRules.Breach.PASSWORD_UNCHANGED.detail();
                default -> name();
            };
        }
    }

    private final Credentials credentials;
    private final AccountRepository accounts;
    private final PasswordHashing hashing;
    private final SessionEnds sessions;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transactions;

    PasswordChanges(
            Credentials credentials,
            AccountRepository accounts,
            PasswordHashing hashing,
            SessionEnds sessions,
            Outbox outbox,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.credentials = credentials;
        this.accounts = accounts;
        this.hashing = hashing;
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Changes {@code key}'s password from {@code current} to {@code next}.
     *
     * @throws PasswordChecksBusy at the front door, when too many checks run or wait
     */
    public Outcome change(AccountKey key, String current, String next) {
        Verification verification = credentials.verify(key, current);
        if (verification.verdict() == Verdict.LOCKED) {
            return Outcome.LOCKED;
        }
        if (!verification.accepted()) {
            return Outcome.REJECTED;
        }
        Optional<PasswordRules.Breach> breach = PasswordRules.breach(next, current, idsOf(key));
        if (breach.isPresent()) {
            return Outcome.valueOf(breach.get().name());
        }
        String hash = hashing.hash(next);
        Boolean stored = transactions.execute(status -> {
            Instant now = clock.instant();
            if (!accounts.changePassword(key, hash, now, false)) {
                return false; // removed meanwhile
            }
            if (key.realm() == Realm.USER) {
                sessions.endSessionsOf(key.contractId(), key.accountId(), "password changed");
            }
            outbox.append(new PasswordChanged(
                    key.realm(), key.contractId(), key.accountId(), PasswordChanged.ChangedBy.SELF, now));
            return true;
        });
        if (!Boolean.TRUE.equals(stored)) {
            return Outcome.REJECTED;
        }
        log.info(
                "{} {} changed their password",
                key.realm(),
                key.contractId() == null ? key.accountId() : key.contractId() + ":" + key.accountId());
        return Outcome.CHANGED;
    }

    /** The IDs the holder logs on with: the account ID and, for a user, the bank-wide login ID. */
    private List<String> idsOf(AccountKey key) {
        List<String> ids = new ArrayList<>();
        ids.add(key.accountId());
        accounts.loginIdOf(key).ifPresent(ids::add);
        return ids;
    }
}

package io.inkan.auth.credential;

import io.inkan.events.AccountLocked;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credentials feature's entry: checks a password under the lock-out rule. The Argon2 check runs
 * outside any row lock; only the short bookkeeping after it runs in a transaction (joining the caller's,
 * e.g. a consumed event's, when there is one).
 */
@Service
public class Credentials {
    private static final Logger log = LoggerFactory.getLogger(Credentials.class);

    private final AccountRepository accounts;
    private final PasswordHashing hashing;
    private final Lockout lockout;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Credentials(
            AccountRepository accounts,
            PasswordHashing hashing,
            CredentialProperties properties,
            Outbox outbox,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.hashing = hashing;
        this.lockout = new Lockout(properties.maxFailedAttempts());
        this.outbox = outbox;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Checks {@code password} for {@code key}; an unknown account costs the same and is REJECTED. */
    public Verification verify(AccountKey key, String password) {
        Optional<AccountRepository.StoredAccount> account = accounts.find(key);
        if (account.isEmpty()) {
            hashing.spendOneCheck(password);
            return new Verification(Verdict.REJECTED, null);
        }
        boolean matches = hashing.matches(password, account.get().passwordHash());
        Verdict verdict = transactions.execute(status -> record(key, matches));
        return new Verification(verdict, key);
    }

    /** As {@link #verify} for a user named by their bank-wide login ID. */
    public Verification verifyUserByLoginId(String loginId, String password) {
        Optional<AccountKey> key = loginId == null ? Optional.empty() : accounts.userByLoginId(loginId);
        if (key.isEmpty()) {
            hashing.spendOneCheck(password);
            return new Verification(Verdict.REJECTED, null);
        }
        return verify(key.get(), password);
    }

    /** Spends the time of one password check, for requests that fail before any account is named. */
    public void spendOneCheck(String password) {
        hashing.spendOneCheck(password);
    }

    private Verdict record(AccountKey key, boolean matches) {
        Optional<AccountRepository.StoredAccount> current = accounts.findForUpdate(key);
        if (current.isEmpty()) {
            return Verdict.REJECTED; // removed meanwhile
        }
        Instant now = clock.instant();
        Lockout.Decision decision = lockout.decide(current.get().state(), matches, now);
        if (!decision.next().equals(current.get().state())) {
            accounts.store(key, decision.next());
        }
        if (decision.justLocked()) {
            log.info(
                    "Account {} {} locked after {} failed attempts",
                    key.realm(),
                    key.contractId() == null ? key.accountId() : key.contractId() + ":" + key.accountId(),
                    decision.next().failedAttempts());
            outbox.append(new AccountLocked(
                    key.realm(),
                    key.contractId(),
                    key.accountId(),
                    decision.next().failedAttempts(),
                    now));
        }
        return decision.verdict();
    }
}

package io.inkan.auth.credential;

import io.inkan.auth.token.SessionEnds;
import io.inkan.events.AccountLocked;
import io.inkan.events.Realm;
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
 *
 * <p>An ID that names no account is treated exactly like one that does (docs/contract.md §4): one Argon2 check,
 * then its failures counted under the same rule in a row of its own, so it answers 401 until it locks
 * and 423 from then on. Only the outside effects of a real account's lock (the {@code AccountLocked}
 * event, the end of its sessions) are missing, since there is nobody to tell.
 *
 * <p>At the front door a check may be refused with {@link PasswordChecksBusy} when too many run at once;
 * that happens before anything is read for the lock-out rule, so a refused attempt never counts.
 */
@Service
public class Credentials {
    private static final Logger log = LoggerFactory.getLogger(Credentials.class);

    private final AccountRepository accounts;
    private final UnknownIdRepository unknownIds;
    private final PasswordHashing hashing;
    private final SealedPasswords sealedPasswords;
    private final Lockout lockout;
    private final SessionEnds sessions;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate transactions;

    Credentials(
            AccountRepository accounts,
            UnknownIdRepository unknownIds,
            PasswordHashing hashing,
            SealedPasswords sealedPasswords,
            CredentialProperties properties,
            SessionEnds sessions,
            Outbox outbox,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.unknownIds = unknownIds;
        this.hashing = hashing;
        this.sealedPasswords = sealedPasswords;
        this.lockout = new Lockout(properties.maxFailedAttempts());
        this.sessions = sessions;
        this.outbox = outbox;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * Checks {@code password} for {@code key}; an unknown account costs the same and answers the same.
     *
     * @throws PasswordChecksBusy at the front door, when too many checks run or wait (nothing counted)
     */
    public Verification verify(AccountKey key, String password) {
        Optional<AccountRepository.StoredAccount> account = accounts.find(key);
        if (account.isEmpty()) {
            return verifyUnknown(UnknownIdRepository.idOf(key), key.realm().name(), password);
        }
        return verifyKnown(account.get(), password);
    }

    /** As {@link #verify} for a user named by their bank-wide login ID. */
    public Verification verifyUserByLoginId(String loginId, String password) {
        String named = loginId == null ? "" : loginId;
        Optional<AccountRepository.StoredAccount> account = accounts.findUserByLoginId(named);
        if (account.isEmpty()) {
            return verifyUnknown(UnknownIdRepository.idOfLoginId(named), "login", password);
        }
        return verifyKnown(account.get(), password);
    }

    /**
     * Spends the time of one password check, for requests that fail before any account is named.
     *
     * @throws PasswordChecksBusy at the front door, when too many checks run or wait
     */
    public void spendOneCheck(String password) {
        hashing.spendOneCheck(password);
    }

    /**
     * One read found the account; one Argon2 check; then one locked read and at most one write. A password still
     * sealed (registered or reset moments ago, not hashed yet) is checked against the seal, at the same cost.
     */
    private Verification verifyKnown(AccountRepository.StoredAccount account, String password) {
        boolean matches = account.passwordHash() == null && account.sealedPassword() != null
                ? sealedPasswords.matches(password, account.sealedPassword())
                : hashing.matches(password, account.passwordHash());
        Verdict verdict = transactions.execute(status -> record(account.key(), matches));
        return new Verification(verdict, account.key());
    }

    /** One read found nothing; the same Argon2 check and the same bookkeeping, on the ID's own row. */
    private Verification verifyUnknown(String id, String kind, String password) {
        hashing.spendOneCheck(password);
        Verdict verdict = transactions.execute(status -> recordUnknown(id, kind));
        return new Verification(verdict, null);
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
            if (key.realm() == Realm.USER) {
                sessions.endSessionsOf(key.contractId(), key.accountId(), "account locked");
            }
        }
        return decision.verdict();
    }

    /**
     * The same rule and the same work as {@link #record}, on the unknown ID's own row: a read that locks
     * the row, then one write when the state changes (the very first failure inserts the row instead).
     */
    private Verdict recordUnknown(String id, String kind) {
        Instant now = clock.instant();
        Optional<Lockout.State> stored = unknownIds.findForUpdate(id);
        Lockout.State current = stored.orElse(Lockout.State.CLEAN);
        Lockout.Decision decision = lockout.decide(current, false, now);
        if (!decision.next().equals(current)) {
            if (stored.isPresent()) {
                unknownIds.update(id, decision.next(), now);
            } else if (!unknownIds.insert(id, decision.next(), now)) {
                return recordUnknown(id, kind); // a concurrent attempt made the row: count on it
            }
        }
        if (decision.justLocked()) {
            // The ID itself is not logged: callers type passwords into ID fields too.
            log.info(
                    "An unknown {} ID ({}…) locked after {} failed attempts",
                    kind,
                    id.substring(0, 12),
                    decision.next().failedAttempts());
        }
        return decision.verdict();
    }
}

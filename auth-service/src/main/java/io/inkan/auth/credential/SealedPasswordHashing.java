package io.inkan.auth.credential;

import io.inkan.messaging.Periodic;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hashes the passwords the consumer stored sealed (registrations, resets), so that no Argon2id runs on a Kafka
 * consumer thread (DESIGN rule 9): records behind a registration on its partition do not wait ~34 ms per hash.
 *
 * <p>Why order and exactly-once still hold: the event's effect (the account, the new password, the unlock, the
 * events published) is committed by the consumer, in order, with its inbox row, exactly as before; only the form in
 * which the password is kept changes later. That change is idempotent and ordered by a compare-and-set: the hash
 * replaces the sealed value only while that value is still the one hashed, so a reset that arrived meanwhile is never
 * overwritten by the older password's hash, and a crash (or two instances hashing the same one) at worst hashes it
 * again. Until it is hashed a check opens the seal instead, at the same cost ({@link Credentials}).
 *
 * <p>Runs on a {@link Periodic} of its own (see {@link CredentialConfiguration}), woken after each commit that stored
 * a sealed password; its Argon2id computations wait for a turn under the {@link PasswordChecks} bound like any other.
 */
@Component
class SealedPasswordHashing implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SealedPasswordHashing.class);
    private static final int BATCH = 50;
    /** How often it looks without being woken: for what a crash left behind. */
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final AccountRepository accounts;
    private final SealedPasswords sealedPasswords;
    private final TransactionTemplate transactions;
    private final Periodic worker = new Periodic("inkan-password-hashing", INTERVAL, this::hashDue);

    SealedPasswordHashing(
            AccountRepository accounts,
            SealedPasswords sealedPasswords,
            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.sealedPasswords = sealedPasswords;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Hashes every sealed password due now; one round of the worker. */
    void hashDue() {
        boolean progress;
        do {
            List<AccountRepository.DueHash> due = accounts.dueHashes(BATCH);
            progress = false;
            for (AccountRepository.DueHash one : due) {
                AccountKey key = one.key();
                try {
                    // Outside any transaction: no row is locked while Argon2id runs.
                    String hash = sealedPasswords.hashOf(
                            one.sealedPassword(),
                            "password of " + key.realm() + " " + key.contractId() + ":" + key.accountId());
                    transactions.execute(status -> accounts.storeHashOfSealed(key, one.sealedPassword(), hash));
                    progress = true;
                } catch (RuntimeException e) {
                    // Stays sealed (a logon still opens it) and due: tried again next round.
                    log.warn(
                            "Could not hash the sealed password of {} {}:{}: {}",
                            key.realm(),
                            key.contractId(),
                            key.accountId(),
                            e.getMessage());
                }
            }
            progress &= due.size() == BATCH;
        } while (progress);
        transactions.executeWithoutResult(status -> accounts.forgetStaleDueHashes());
    }

    /** Wakes the worker once the current transaction has committed (the sealed password is then visible to it). */
    void wakeUpAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            worker.wakeUp();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                worker.wakeUp();
            }
        });
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}

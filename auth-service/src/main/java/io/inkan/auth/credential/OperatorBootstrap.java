package io.inkan.auth.credential;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the configured bank operator exist with the configured password. The configuration is the
 * source of truth for this one account: a changed password replaces the stored hash, and a start
 * clears a lock (nobody else can unlock an operator).
 */
@Component
class OperatorBootstrap implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final OperatorProperties operator;
    private final AccountRepository accounts;
    private final PasswordHashing hashing;
    private final Clock clock;
    private final TransactionTemplate transactions;

    OperatorBootstrap(
            OperatorProperties operator,
            AccountRepository accounts,
            PasswordHashing hashing,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.operator = operator;
        this.accounts = accounts;
        this.hashing = hashing;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (OperatorProperties.LOCAL_PASSWORD.equals(operator.password())) {
            log.warn("The bootstrap operator uses the local stack's default password; production must set"
                    + " inkan.operator.id and inkan.operator.password");
        }
        AccountKey key = AccountKey.operator(operator.id());
        transactions.executeWithoutResult(status -> {
            var existing = accounts.find(key);
            if (existing.isEmpty()) {
                accounts.insert(key, null, hashing.hash(operator.password()), clock.instant());
                log.info("Created the bootstrap operator {}", operator.id());
            } else {
                if (!hashing.matches(operator.password(), existing.get().passwordHash())) {
                    accounts.updatePassword(key, hashing.hash(operator.password()));
                    log.info("Bootstrap operator {}: password replaced from configuration", operator.id());
                }
                accounts.store(key, Lockout.State.CLEAN);
            }
        });
    }
}

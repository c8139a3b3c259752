package io.inkan.auth.credential;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the configured bank operators exist with their configured passwords: the one of
 * {@code inkan.operator.*} and those of {@code inkan.operators[n].*}; with none configured, nobody is made.
 * The configuration is the source of truth for their passwords until an operator changes their own
 * ({@code POST /api/v1/password-changes}): before that, a changed configured password replaces the stored hash;
 * after it, the operator's own password stays. It is not a way out of a lock: a locked operator stays locked through any restart, and another
 * operator unlocks them through admin-service ({@code POST /api/v1/operators/{operatorId}/unlock}).
 * Hence a bank configures at least two operators.
 */
@Component
class OperatorBootstrap implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final OperatorProperties operator;
    private final BootstrapOperators more;
    private final AccountRepository accounts;
    private final UnknownIdRepository unknownIds;
    private final PasswordHashing hashing;
    private final Clock clock;
    private final TransactionTemplate transactions;

    OperatorBootstrap(
            OperatorProperties operator,
            BootstrapOperators more,
            AccountRepository accounts,
            UnknownIdRepository unknownIds,
            PasswordHashing hashing,
            Clock clock,
            PlatformTransactionManager transactionManager) {
        this.operator = operator;
        this.more = more;
        this.accounts = accounts;
        this.unknownIds = unknownIds;
        this.hashing = hashing;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, String> configured = configured();
        if (configured.isEmpty()) {
            // No default operator outside the local stack: one whose password is in the README is a way in.
            log.warn("No bootstrap operator is configured (inkan.operator.id, inkan.operator.password, or"
                    + " inkan.operators[n].id, inkan.operators[n].password): no operator can log on until they are"
                    + " set");
            return;
        }
        if (configured.containsValue(OperatorProperties.LOCAL_PASSWORD)) {
            log.warn("A bootstrap operator uses the local stack's default password; production must set"
                    + " inkan.operator.id and inkan.operator.password");
        }
        if (configured.size() < 2) {
            log.warn("Only one bank operator is configured: if it locks itself out, nobody can unlock it. Configure"
                    + " at least two (inkan.operators[n].id, inkan.operators[n].password)");
        }
        configured.forEach(this::bootstrap);
    }

    private void bootstrap(String operatorId, String password) {
        AccountKey key = AccountKey.operator(operatorId);
        transactions.executeWithoutResult(status -> {
            var existing = accounts.find(key);
            if (existing.isEmpty()) {
                accounts.insert(key, null, hashing.hash(password), clock.instant());
                unknownIds.forget(UnknownIdRepository.idOf(key));
                log.info("Created the bootstrap operator {}", operatorId);
                return;
            }
            if (accounts.passwordChangedAt(key).isPresent()) {
                // The operator chose a password of their own: the configured one was only the first.
                log.info("Bootstrap operator {} changed their password; the configured one is not used", operatorId);
            } else if (!hashing.matches(password, existing.get().passwordHash())) {
                accounts.updatePassword(key, hashing.hash(password));
                log.info("Bootstrap operator {}: password replaced from configuration", operatorId);
            }
            if (existing.get().state().locked()) {
                // Said at every start, so a lock is never silently kept nor silently lifted.
                log.warn(
                        "Bootstrap operator {} is locked since {}; a restart does not unlock it: another operator"
                                + " unlocks it with POST /api/v1/operators/{}/unlock on admin-service",
                        operatorId,
                        existing.get().state().lockedAt(),
                        operatorId);
            }
        });
    }

    /** Operator ID → password, in configuration order; one ID configured twice refuses to start. */
    private Map<String, String> configured() {
        List<BootstrapOperators.Operator> all = new ArrayList<>();
        if (present(operator.id()) && present(operator.password())) {
            all.add(new BootstrapOperators.Operator(operator.id(), operator.password()));
        }
        all.addAll(more.operators());
        Map<String, String> byId = new LinkedHashMap<>();
        for (BootstrapOperators.Operator each : all) {
            if (byId.putIfAbsent(each.id(), each.password()) != null) {
                throw new IllegalStateException("Bank operator " + each.id()
                        + " is configured twice (inkan.operator.id and inkan.operators[n].id name each operator once)");
            }
        }
        return byId;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

package io.inkan.admin.operator;

import io.inkan.admin.audit.AuditRecord;
import io.inkan.admin.audit.AuditTrail;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.Realm;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks auth-service to unlock a bank operator, at another operator's request. admin-service keeps no list
 * of operators (auth-service owns them), so the request is always published, as for an open account:
 * unlocking an account that is open, or that does not exist, changes nothing, and the answer is the same.
 * An operator never unlocks themselves: a lock stands until someone else has looked at it. Both the
 * request and a refusal are written to the bank's own audit trail, naming who asked.
 */
@Component
class OperatorUnlocks {
    /** auth-service keeps account IDs in 100 characters. */
    private static final int MAX_ID_LENGTH = 100;

    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OperatorUnlocks(Outbox outbox, AuditTrail audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    void unlock(Caller operator, String operatorId) {
        if (operatorId.isBlank() || operatorId.length() > MAX_ID_LENGTH) {
            throw ApiException.invalid("operatorId", "operatorId is 1 to " + MAX_ID_LENGTH + " characters.");
        }
        Instant now = clock.instant();
        if (operator.id().equals(operatorId)) {
            record(operator, operatorId, "REFUSED", "code=FORBIDDEN self-unlock", now);
            throw ApiException.forbidden();
        }
        transactions.executeWithoutResult(status -> {
            outbox.append(new AccountUnlockRequested(Realm.OPERATOR, null, operatorId, operator.id(), now));
            audit.append(entry(operator, operatorId, "ACCEPTED", null, now));
        });
    }

    private void record(Caller operator, String operatorId, String outcome, String detail, Instant now) {
        transactions.executeWithoutResult(status -> audit.append(entry(operator, operatorId, outcome, detail, now)));
    }

    private static AuditRecord entry(Caller operator, String operatorId, String outcome, String detail, Instant at) {
        return new AuditRecord(
                AuditTrail.BANK,
                operator.realm().name(),
                operator.id(),
                "UnlockOperator",
                "operator:" + operatorId,
                outcome,
                detail,
                at);
    }
}

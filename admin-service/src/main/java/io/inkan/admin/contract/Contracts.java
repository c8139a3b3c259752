package io.inkan.admin.contract;

import io.inkan.admin.audit.AuditRecord;
import io.inkan.admin.audit.AuditTrail;
import io.inkan.admin.initialpassword.InitialPasswords;
import io.inkan.admin.security.Caller;
import io.inkan.admin.web.ApiException;
import io.inkan.admin.web.Ids;
import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.AdministratorRegistered;
import io.inkan.events.ContractRegistered;
import io.inkan.events.Realm;
import io.inkan.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bank operator's side: contracts and their administrators. Each change, its events and its
 * audit entry commit in one transaction.
 */
@Component
public class Contracts {
    private final ContractRepository contracts;
    private final InitialPasswords initialPasswords;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Contracts(
            ContractRepository contracts,
            InitialPasswords initialPasswords,
            Outbox outbox,
            AuditTrail audit,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.contracts = contracts;
        this.initialPasswords = initialPasswords;
        this.outbox = outbox;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public boolean exists(String contractId) {
        return contracts.exists(contractId);
    }

    ContractView register(Caller operator, RegisterContractRequest request) {
        var admin = request.administrator();
        initialPasswords.check("administrator.initialPassword", admin.initialPassword());
        if (contracts.exists(request.contractId())) {
            throw refused(
                    operator,
                    request.contractId(),
                    "RegisterContract",
                    "contract:" + request.contractId(),
                    ApiException.conflict("contractId", "A contract with this ID exists already."));
        }
        // sealed before the transaction: fetching the certificate may take a moment or fail (503)
        String sealed = initialPasswords.seal(admin.initialPassword());
        String language = admin.language() == null ? Ids.DEFAULT_LANGUAGE : admin.language();
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(status -> {
                contracts.insertContract(request.contractId(), request.name(), operator.id(), now);
                contracts.insertAdministrator(
                        request.contractId(), admin.adminId(), admin.name(), admin.email(), language, now);
                outbox.append(new ContractRegistered(request.contractId(), request.name(), operator.id(), now));
                outbox.append(new AdministratorRegistered(
                        request.contractId(), admin.adminId(), admin.name(), admin.email(), language, sealed, now));
                audit.append(new AuditRecord(
                        request.contractId(),
                        operator.realm().name(),
                        operator.id(),
                        "RegisterContract",
                        "contract:" + request.contractId(),
                        "ACCEPTED",
                        "name=" + request.name() + " administrator=" + admin.adminId(),
                        now));
            });
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("contractId", "A contract with this ID exists already.");
        }
        return new ContractView(
                request.contractId(),
                request.name(),
                new ContractView.Administrator(admin.adminId(), admin.name(), admin.email(), language),
                now);
    }

    /** Asks auth-service to unlock an administrator. Always published: unlocking an open account changes nothing. */
    void unlockAdministrator(Caller operator, String contractId, String adminId) {
        Instant now = clock.instant();
        if (!contracts.exists(contractId)) {
            throw ApiException.notFound("contract");
        }
        if (!contracts.administratorExists(contractId, adminId)) {
            throw refused(
                    operator,
                    contractId,
                    "UnlockAdministrator",
                    "admin:" + adminId,
                    ApiException.notFound("administrator"));
        }
        transactions.executeWithoutResult(status -> {
            outbox.append(new AccountUnlockRequested(Realm.ADMIN, contractId, adminId, operator.id(), now));
            audit.append(new AuditRecord(
                    contractId,
                    operator.realm().name(),
                    operator.id(),
                    "UnlockAdministrator",
                    "admin:" + adminId,
                    "ACCEPTED",
                    null,
                    now));
        });
    }

    /** Records the refusal in the contract's trail and returns it to be thrown. */
    private ApiException refused(Caller operator, String contractId, String action, String target, ApiException e) {
        audit.appendRefusal(new AuditRecord(
                contractId,
                operator.realm().name(),
                operator.id(),
                action,
                target,
                "REFUSED",
                "code=" + e.code() + (e.field() == null ? "" : " field=" + e.field()),
                clock.instant()));
        return e;
    }

    /** Keeps the administrators' lock state as auth-service reports it. */
    void administratorLocked(String contractId, String adminId, boolean locked) {
        contracts.setAdministratorLocked(contractId, adminId, locked);
    }

    record ContractView(String contractId, String name, Administrator administrator, Instant registeredAt) {
        record Administrator(String adminId, String name, String email, String language) {}
    }
}

package io.inkan.admin.audit;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A contract's append-only, hash-chained record of who did what. Appends join the caller's
 * transaction, so an action and its audit entry commit (or vanish) together.
 */
@Component
public class AuditTrail {
    /**
     * The bank's own trail, beside the contracts' ones: what operators did that concerns no contract (one
     * operator unlocking another). No contract can have this ID: contract IDs begin with a letter or digit.
     */
    public static final String BANK = "(bank)";

    private final AuditRepository entries;

    AuditTrail(AuditRepository entries) {
        this.entries = entries;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(AuditRecord record) {
        AuditRepository.Head head = entries.lockHead(record.contractId());
        long sequence = head.sequence() + 1;
        // stored with microseconds, as PostgreSQL keeps them, so the hash can be recomputed from the row
        var at = record.occurredAt().truncatedTo(ChronoUnit.MICROS);
        String hash = AuditChain.hash(
                head.hash(),
                record.contractId(),
                sequence,
                at,
                record.actorRealm(),
                record.actorId(),
                record.action(),
                record.target(),
                record.outcome(),
                record.detail());
        entries.insert(new AuditEntry(
                record.contractId(),
                sequence,
                at,
                record.actorRealm(),
                record.actorId(),
                record.action(),
                record.target(),
                record.outcome(),
                record.detail(),
                head.hash(),
                hash));
    }

    /**
     * Records a refused action (a conflict, an unknown user) in a transaction of its own, since the
     * action's transaction rolled back. Only for a contract that has a trail.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void appendRefusal(AuditRecord record) {
        if (exists(record.contractId())) {
            append(record);
        }
    }

    /** Whether the contract has a trail yet (it starts with the contract's registration). */
    public boolean exists(String contractId) {
        return entries.head(contractId).isPresent();
    }

    @Transactional(readOnly = true)
    AuditPage page(String contractId, int page, int size) {
        List<AuditEntry> slice = entries.newestFirst(contractId, page * size, size);
        return new AuditPage(contractId, page, size, entries.count(contractId), slice);
    }

    @Transactional(readOnly = true)
    public AuditVerification verify(String contractId) {
        var head = entries.head(contractId).orElse(new AuditRepository.Head(0, AuditChain.GENESIS));
        return AuditChain.verify(contractId, entries.oldestFirst(contractId), head.sequence(), head.hash());
    }

    record AuditPage(String contractId, int page, int size, long totalEntries, List<AuditEntry> entries) {}
}

package io.inkan.admin.audit;

import java.time.Instant;

/** An appended {@link AuditRecord} with its place in the contract's chain and the hashes that link it. */
record AuditEntry(
        String contractId,
        long sequence,
        Instant occurredAt,
        String actorRealm,
        String actorId,
        String action,
        String target,
        String outcome,
        String detail,
        String previousHash,
        String entryHash) {}

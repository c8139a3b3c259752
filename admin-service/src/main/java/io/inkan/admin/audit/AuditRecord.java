package io.inkan.admin.audit;

import java.time.Instant;

/**
 * One thing to remember about a contract: who ({@code actorRealm}, {@code actorId}) did what
 * ({@code action} on {@code target}) when, and how it ended ({@code outcome}). {@code detail} holds
 * the few facts that matter (a serial, a reason), never a secret.
 */
public record AuditRecord(
        String contractId,
        String actorRealm,
        String actorId,
        String action,
        String target,
        String outcome,
        String detail,
        Instant occurredAt) {}

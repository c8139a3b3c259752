package io.inkan.events;

import java.time.Instant;

/**
 * auth-service refused a front end's submission. Contract and user are given only when the credentials
 * named an existing user; otherwise the record is keyed by the request ID, so no refusal reveals
 * whether an ID exists.
 */
public record CertificateRequestRefused(
        String requestId, String contractId, String userId, RefusalReason reason, Instant refusedAt)
        implements AuthEvent {
    public CertificateRequestRefused {
        Require.present(requestId, "requestId");
        Require.present(reason, "reason");
        Require.present(refusedAt, "refusedAt");
    }

    @Override
    public String key() {
        return contractId == null || userId == null ? requestId : Keys.of(contractId, userId);
    }
}

package io.inkan.events;

import java.time.Instant;

/** issuance-service refused a request; {@code detail} says why in words an operator can act on. */
public record CertificateRejected(
        String requestId, String contractId, String userId, RejectionReason reason, String detail, Instant rejectedAt)
        implements IssuanceEvent {
    public CertificateRejected {
        Require.present(requestId, "requestId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(reason, "reason");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

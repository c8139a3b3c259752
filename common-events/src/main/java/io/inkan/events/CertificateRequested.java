package io.inkan.events;

import java.time.Instant;

/** An authenticated user asked for a certificate; issuance-service decides and answers. */
public record CertificateRequested(
        String requestId, String contractId, String userId, RequestKind kind, String csrPem, Instant requestedAt)
        implements AuthEvent {
    public CertificateRequested {
        Require.present(requestId, "requestId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(kind, "kind");
        Require.present(csrPem, "csrPem");
        Require.present(requestedAt, "requestedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

package io.inkan.events;

import java.time.Instant;

/**
 * An authenticated user asked for a certificate; issuance-service decides and answers. {@code channel} says how the
 * request came (added later: null in events of an older auth-service).
 */
public record CertificateRequested(
        String requestId,
        String contractId,
        String userId,
        RequestKind kind,
        String csrPem,
        Instant requestedAt,
        RequestChannel channel)
        implements AuthEvent {
    public CertificateRequested {
        Require.present(requestId, "requestId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(kind, "kind");
        Require.present(csrPem, "csrPem");
        Require.present(requestedAt, "requestedAt");
    }

    /** The form before {@code channel}. */
    public CertificateRequested(
            String requestId, String contractId, String userId, RequestKind kind, String csrPem, Instant requestedAt) {
        this(requestId, contractId, userId, kind, csrPem, requestedAt, null);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

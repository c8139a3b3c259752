package io.inkan.events;

import java.time.Instant;

/**
 * An authenticated user asked for a certificate; issuance-service decides and answers.
 *
 * <p>{@code authorizationId} (added later; null otherwise) names the administrator's authorization whose one-time
 * acquisition code the request carried and auth-service checked. An authorization that came with an acquisition code
 * can be used only by a request that names it.
 */
public record CertificateRequested(
        String requestId,
        String contractId,
        String userId,
        RequestKind kind,
        String csrPem,
        Instant requestedAt,
        String authorizationId)
        implements AuthEvent {
    public CertificateRequested {
        Require.present(requestId, "requestId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(kind, "kind");
        Require.present(csrPem, "csrPem");
        Require.present(requestedAt, "requestedAt");
    }

    /** A request that names no authorization. */
    public CertificateRequested(
            String requestId, String contractId, String userId, RequestKind kind, String csrPem, Instant requestedAt) {
        this(requestId, contractId, userId, kind, csrPem, requestedAt, null);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

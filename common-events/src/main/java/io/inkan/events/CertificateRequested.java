package io.inkan.events;

import java.time.Instant;

/**
 * An authenticated user asked for a certificate; issuance-service decides and answers. {@code channel} says how the
 * request came (added later: null in events of an older auth-service).
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
        RequestChannel channel,
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

    /** The form before {@code channel} and {@code authorizationId}. */
    public CertificateRequested(
            String requestId, String contractId, String userId, RequestKind kind, String csrPem, Instant requestedAt) {
        this(requestId, contractId, userId, kind, csrPem, requestedAt, null, null);
    }

    /** A request that names no authorization. */
    public CertificateRequested(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            String csrPem,
            Instant requestedAt,
            RequestChannel channel) {
        this(requestId, contractId, userId, kind, csrPem, requestedAt, channel, null);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

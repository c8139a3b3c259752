package io.inkan.events;

import java.time.Instant;

/**
 * The administrator's reissue (初期化): revoke the user's current certificate for {@code reason}, let
 * the user log on with ID and password again, and allow one new issuance.
 */
public record CertificateReissueAuthorized(
        String contractId,
        String userId,
        String authorizationId,
        RevocationReason reason,
        String authorizedBy,
        Instant authorizedAt,
        String acquisitionCodeHash)
        implements AdminEvent {
    public CertificateReissueAuthorized {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(authorizationId, "authorizationId");
        Require.present(reason, "reason");
        Require.present(authorizedAt, "authorizedAt");
    }

    /** A reissue without an acquisition code. */
    public CertificateReissueAuthorized(
            String contractId,
            String userId,
            String authorizationId,
            RevocationReason reason,
            String authorizedBy,
            Instant authorizedAt) {
        this(contractId, userId, authorizationId, reason, authorizedBy, authorizedAt, null);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

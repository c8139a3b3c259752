package io.inkan.events;

import java.time.Instant;

/**
 * The administrator's 発行手続き: the user may obtain one certificate.
 *
 * <p>{@code acquisitionCodeHash} (added later; null when {@code inkan.issuance.acquisition-code} is {@code NONE}, and
 * in events of an older admin-service) is {@link AcquisitionCodes#hash}'s salted SHA-256 of the one-time acquisition
 * code the administrator was shown: the certificate request must then carry that code (docs/contract.md §4). The
 * code itself is never published.
 */
public record IssuanceAuthorized(
        String contractId,
        String userId,
        String authorizationId,
        String authorizedBy,
        Instant authorizedAt,
        String acquisitionCodeHash)
        implements AdminEvent {
    public IssuanceAuthorized {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(authorizationId, "authorizationId");
        Require.present(authorizedAt, "authorizedAt");
    }

    /** An authorization without an acquisition code. */
    public IssuanceAuthorized(
            String contractId, String userId, String authorizationId, String authorizedBy, Instant authorizedAt) {
        this(contractId, userId, authorizationId, authorizedBy, authorizedAt, null);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

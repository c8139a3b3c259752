package io.inkan.events;

import java.time.Instant;

/**
 * The user's certificate requests carried a wrong one-time acquisition code {@code failedAttempts} times (five) for
 * the administrator's authorization {@code authorizationId}: auth-service voided it, and takes no code for it any
 * more. issuance-service lets the authorization lapse (AuthorizationLapsed follows), admin-service records it; the
 * administrator must authorize again. Only requests with the user's right password count, so nobody without the
 * password can void an authorization.
 */
public record AcquisitionCodeExhausted(
        String contractId, String userId, String authorizationId, int failedAttempts, Instant exhaustedAt)
        implements AuthEvent {
    public AcquisitionCodeExhausted {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(authorizationId, "authorizationId");
        Require.present(exhaustedAt, "exhaustedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

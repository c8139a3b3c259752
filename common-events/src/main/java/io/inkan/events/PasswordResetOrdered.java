package io.inkan.events;

import java.time.Instant;

/**
 * A contract's administrator reset a user's password to a temporary one. Like an initial password, the
 * temporary password travels only sealed to auth-service (CMS AuthEnvelopedData, AES-GCM, RSA-OAEP; base64
 * DER); auth-service sets it and answers with {@link PasswordChanged}.
 */
public record PasswordResetOrdered(
        String contractId, String userId, String sealedTemporaryPassword, String orderedBy, Instant orderedAt)
        implements AdminEvent {
    public PasswordResetOrdered {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(sealedTemporaryPassword, "sealedTemporaryPassword");
        Require.present(orderedAt, "orderedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

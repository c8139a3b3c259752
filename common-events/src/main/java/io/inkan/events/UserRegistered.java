package io.inkan.events;

import java.time.Instant;

/**
 * A contract's administrator registered a user (利用者). {@code loginId} is optional and unique across
 * the bank; {@code language} is a BCP 47 tag ({@code ja} by default). The initial password or PIN
 * travels only sealed to auth-service (CMS AuthEnvelopedData, AES-GCM, RSA-OAEP; base64 DER).
 */
public record UserRegistered(
        String contractId,
        String userId,
        String name,
        String email,
        String language,
        String loginId,
        String sealedInitialPassword,
        String registeredBy,
        Instant registeredAt)
        implements AdminEvent {
    public UserRegistered {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(sealedInitialPassword, "sealedInitialPassword");
        Require.present(registeredAt, "registeredAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

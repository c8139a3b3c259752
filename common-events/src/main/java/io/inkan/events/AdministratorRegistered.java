package io.inkan.events;

import java.time.Instant;

/**
 * A contract's administrator (管理者) was registered. The initial password travels only as CMS
 * AuthEnvelopedData (AES-GCM, RSA-OAEP) sealed to auth-service's sealing certificate (base64 DER), never in clear.
 */
public record AdministratorRegistered(
        String contractId,
        String adminId,
        String name,
        String email,
        String language,
        String sealedInitialPassword,
        Instant registeredAt)
        implements AdminEvent {
    public AdministratorRegistered {
        Require.present(contractId, "contractId");
        Require.present(adminId, "adminId");
        Require.present(sealedInitialPassword, "sealedInitialPassword");
        Require.present(registeredAt, "registeredAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, adminId);
    }
}

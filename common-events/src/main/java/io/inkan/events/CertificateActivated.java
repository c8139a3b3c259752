package io.inkan.events;

import java.time.Instant;

/** A renewed certificate was used to log on for the first time; the one it replaces may now go. */
public record CertificateActivated(
        String contractId, String userId, String serialNumber, String replacesSerialNumber, Instant activatedAt)
        implements AuthEvent {
    public CertificateActivated {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(serialNumber, "serialNumber");
        Require.present(activatedAt, "activatedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

package io.inkan.events;

import java.time.Instant;

/** A certificate was revoked; the CRL and OCSP say so from {@code revokedAt}. */
public record CertificateRevoked(
        String serialNumber, String contractId, String userId, RevocationReason reason, Instant revokedAt)
        implements IssuanceEvent {
    public CertificateRevoked {
        Require.present(serialNumber, "serialNumber");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(reason, "reason");
        Require.present(revokedAt, "revokedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

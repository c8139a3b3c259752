package io.inkan.events;

import java.time.Instant;

/**
 * A certificate was revoked; the CRL and OCSP say so from {@code revokedAt}. {@code cause} says which act revoked
 * it (a renewal, a reissue, a revocation order, the user's removal); it was added later and is null in events of an
 * older issuance-service.
 */
public record CertificateRevoked(
        String serialNumber,
        String contractId,
        String userId,
        RevocationReason reason,
        Instant revokedAt,
        RevocationCause cause)
        implements IssuanceEvent {
    public CertificateRevoked {
        Require.present(serialNumber, "serialNumber");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(reason, "reason");
        Require.present(revokedAt, "revokedAt");
    }

    /** The form before {@code cause}. */
    public CertificateRevoked(
            String serialNumber, String contractId, String userId, RevocationReason reason, Instant revokedAt) {
        this(serialNumber, contractId, userId, reason, revokedAt, null);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

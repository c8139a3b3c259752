package io.inkan.events;

import java.time.Instant;

/**
 * issuance-service issued a certificate. {@code replacesSerialNumber} names the certificate this one
 * renews or reissues (null for a first issuance); {@code chainPem} is the issuing CA then the root.
 */
public record CertificateIssued(
        String requestId,
        String contractId,
        String userId,
        RequestKind kind,
        String serialNumber,
        String subject,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        String sha256Fingerprint,
        String certificatePem,
        String chainPem,
        String replacesSerialNumber,
        Instant issuedAt)
        implements IssuanceEvent {
    public CertificateIssued {
        Require.present(requestId, "requestId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(serialNumber, "serialNumber");
        Require.present(notBefore, "notBefore");
        Require.present(notAfter, "notAfter");
        Require.present(sha256Fingerprint, "sha256Fingerprint");
        Require.present(certificatePem, "certificatePem");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

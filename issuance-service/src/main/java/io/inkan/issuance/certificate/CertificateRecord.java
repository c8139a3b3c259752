package io.inkan.issuance.certificate;

import java.time.Instant;

/** An issued certificate as others may see it. */
public record CertificateRecord(
        String serialNumber,
        String contractId,
        String userId,
        CertificateStatus status,
        Instant notBefore,
        Instant notAfter,
        Instant revokedAt,
        String revocationReason,
        String pem,
        String issuerKeyId) {}

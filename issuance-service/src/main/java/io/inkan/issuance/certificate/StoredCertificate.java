package io.inkan.issuance.certificate;

import java.time.Instant;

/** A row of {@code certificate}. */
record StoredCertificate(
        String serialNumber,
        String requestId,
        String contractId,
        String userId,
        String kind,
        String subject,
        Instant notBefore,
        Instant notAfter,
        String sha256Fingerprint,
        String pem,
        CertificateStatus status,
        Slot slot,
        String replacesSerialNumber,
        Instant revokedAt,
        String revocationReason,
        /** The key ID of the CA that signed it ({@code KeyIds}); null only for a row not yet adopted by a known CA. */
        String issuerKeyId) {

    enum Slot {
        /** The user's usable certificate. */
        CURRENT,
        /** A renewal not yet used to log on; it becomes CURRENT on CertificateActivated. */
        SUCCESSOR
    }
}

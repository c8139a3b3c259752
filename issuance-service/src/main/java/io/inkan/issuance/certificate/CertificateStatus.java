package io.inkan.issuance.certificate;

/** A certificate's state as {@code GET /api/v1/certificates/{serialNumber}} shows it. */
public enum CertificateStatus {
    ACTIVE,
    REVOKED,
    EXPIRED
}

package io.inkan.issuance.certificate;

import java.time.Instant;

/**
 * A CRL entry's facts: which certificate, when it was revoked, and why (an RFC 5280 reason name); and which CA's CRL
 * lists it until when (its issuing CA's key ID, its notAfter).
 */
public record RevokedCertificate(
        String serialNumber, Instant revokedAt, String revocationReason, String issuerKeyId, Instant notAfter) {}

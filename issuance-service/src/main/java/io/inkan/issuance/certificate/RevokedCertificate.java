package io.inkan.issuance.certificate;

import java.time.Instant;

/** A CRL entry's facts: which certificate, when it was revoked, and why (an RFC 5280 reason name). */
public record RevokedCertificate(String serialNumber, Instant revokedAt, String revocationReason) {}

package io.inkan.auth.request;

import java.time.Instant;

/** A stored request and, once decided, its outcome. */
record RequestView(
        String requestId, RequestStatus status, String reason, String detail, IssuedCertificate certificate) {

    record IssuedCertificate(
            String serialNumber,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String sha256Fingerprint,
            String pem,
            String chainPem) {}
}

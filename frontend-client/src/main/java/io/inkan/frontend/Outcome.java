package io.inkan.frontend;

import java.time.Instant;

/**
 * How a submitted certificate request ended: the certificate was {@link Issued}, issuance-service
 * {@link Rejected} the request (docs/contract.md §5 reasons), or auth-service {@link Refused} the
 * submission before it became a request ({@code UNAUTHENTICATED}, {@code LOCKED}, {@code INVALID_CSR},
 * {@code REPLAYED}).
 */
public sealed interface Outcome {

    /** The request ID the front end generated and published. */
    String requestId();

    /**
     * The issued certificate. {@code pem} is the certificate, {@code chainPem} the issuing CA then the
     * root; serial numbers are lowercase hex.
     */
    record Issued(
            String requestId,
            String contractId,
            String userId,
            String kind,
            String serialNumber,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String sha256Fingerprint,
            String pem,
            String chainPem,
            String replacesSerialNumber)
            implements Outcome {}

    /** issuance-service refused to issue: {@code reason} is e.g. {@code NOT_AUTHORIZED}; {@code detail} may be null. */
    record Rejected(String requestId, String reason, String detail) implements Outcome {}

    /** auth-service refused the submission: {@code reason} is e.g. {@code UNAUTHENTICATED} or {@code LOCKED}. */
    record Refused(String requestId, String reason) implements Outcome {}
}

package io.inkan.auth.certificate;

import java.time.Instant;

/**
 * A certificate issuance-service issued to a user, as auth-service knows it from events.
 *
 * @param authorizationId the administrator's authorization its issuance used up, as issuance-service said
 *     (null when none, or from an older issuance-service)
 * @param issuedAt when issuance-service issued it (null in events of an early issuance-service)
 * @param renewableFrom from when issuance-service renews it ({@code CertificateIssued.renewableFrom}); null when its
 *     event did not say (an older issuance-service) or it was learnt before auth-service kept it
 */
public record KnownCertificate(
        String serialNumber,
        String sha256Fingerprint,
        String contractId,
        String userId,
        CertificateStatus status,
        String replacesSerialNumber,
        Instant notBefore,
        Instant notAfter,
        String authorizationId,
        Instant issuedAt,
        Instant renewableFrom) {

    /** Logs on at {@code now}: ACTIVE (or the unused renewal) and not past its notAfter. */
    public boolean usableAt(Instant now) {
        return status.mayLogOn() && now.isBefore(notAfter);
    }

    /** When it was issued: issuance-service's {@code issuedAt}, or its notBefore when an old event lacked one. */
    Instant issued() {
        return issuedAt != null ? issuedAt : notBefore;
    }
}

package io.inkan.auth.certificate;

import io.inkan.events.RequestKind;
import java.time.Instant;

/** A certificate issuance-service issued to a user, as auth-service knows it from events. */
public record KnownCertificate(
        String serialNumber,
        String sha256Fingerprint,
        String contractId,
        String userId,
        RequestKind kind,
        CertificateStatus status,
        String replacesSerialNumber,
        Instant notBefore,
        Instant notAfter) {

    /** Logs on at {@code now}: ACTIVE (or the unused renewal) and not past its notAfter. */
    public boolean usableAt(Instant now) {
        return status.mayLogOn() && now.isBefore(notAfter);
    }

    boolean expiredAt(Instant now) {
        return status == CertificateStatus.EXPIRED || (status.mayLogOn() && !now.isBefore(notAfter));
    }
}

package io.inkan.auth.certificate;

import io.inkan.events.RequestKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one user holds, and the logon rules that follow from it: ID and password log on only while the
 * user holds no usable certificate (before the first issuance, after a reissue, after expiry); a
 * request made with ID and password is a REISSUE after an administrator's reissue, a RENEWAL after the
 * certificate expired, and NEW otherwise.
 */
public record CertificateHolding(List<KnownCertificate> certificates, boolean reissuePending) {
    public CertificateHolding {
        certificates = List.copyOf(certificates);
    }

    public boolean holdsUsableCertificate(Instant now) {
        return certificates.stream().anyMatch(c -> c.usableAt(now));
    }

    public boolean mayLogOnWithPassword(Instant now) {
        return !holdsUsableCertificate(now);
    }

    /** The kind of a certificate request made with ID and password (not from a certificate session). */
    public RequestKind kindOfPasswordRequest(Instant now) {
        if (reissuePending) {
            return RequestKind.REISSUE;
        }
        if (holdsUsableCertificate(now)) {
            return RequestKind.NEW; // a new PC (self-service); issuance-service decides
        }
        Optional<KnownCertificate> latest = certificates.stream().max(Comparator.comparing(KnownCertificate::notAfter));
        if (latest.isPresent() && latest.get().expiredAt(now)) {
            return RequestKind.RENEWAL;
        }
        return RequestKind.NEW;
    }
}

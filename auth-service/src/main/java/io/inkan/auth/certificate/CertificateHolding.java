package io.inkan.auth.certificate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What one user holds, and the logon rule that follows from it: ID and password log on only while the user
 * holds no usable certificate (before the first issuance, after expiry, after a revocation), or while the
 * administrator's latest reissue (初期化) has not been answered by a certificate.
 *
 * <p>The certificates' states are issuance-service's, as its events said them. The reissue is the
 * administrators' fact, on another topic with no order to issuance's: so whether it is still open is decided
 * here, from both, whichever arrived first. A reissue arriving before issuance's revocation of the old
 * certificate opens ID and password at once; one arriving after the certificate issued for it opens nothing.
 *
 * @param latestReissue the user's latest reissue, answered or not; null when there was none
 */
public record CertificateHolding(List<KnownCertificate> certificates, Reissue latestReissue) {
    public CertificateHolding {
        certificates = List.copyOf(certificates);
    }

    public boolean holdsUsableCertificate(Instant now) {
        return certificates.stream().anyMatch(c -> c.usableAt(now));
    }

    public boolean mayLogOnWithPassword(Instant now) {
        return !holdsUsableCertificate(now) || reissueOpen();
    }

    /** A reissue no known certificate answers yet. */
    public boolean reissueOpen() {
        return latestReissue != null && certificates.stream().noneMatch(latestReissue::answeredBy);
    }

    /**
     * An administrator's reissue as auth-service learnt it from {@code CertificateReissueAuthorized}.
     *
     * @param authorizationId the reissue's authorization; null for a reissue recorded before issue 12
     * @param authorizedAt when the administrator ordered it (admin-service's clock)
     */
    public record Reissue(String authorizationId, Instant authorizedAt) {
        public Reissue {
            Objects.requireNonNull(authorizedAt, "authorizedAt");
        }

        /**
         * Whether the certificate was issued for this reissue or after it. issuance-service names the
         * reissue's authorization in the certificate it issued for it (ADMIN_AUTHORIZED): that match is
         * exact. Otherwise (SELF_SERVICE, an older issuance-service) time decides, on two services' clocks,
         * counted in whole seconds: a certificate issued in the reissue's second counts as its answer. Erring
         * that way is safe: a certificate issued just before the reissue is one issuance-service revokes for
         * it, and its CertificateRevoked follows on the same topic; erring the other way would leave ID and
         * password open beside a usable certificate.
         */
        boolean answeredBy(KnownCertificate certificate) {
            if (authorizationId != null && authorizationId.equals(certificate.authorizationId())) {
                return true;
            }
            return !certificate.issued().isBefore(authorizedAt.truncatedTo(ChronoUnit.SECONDS));
        }
    }
}

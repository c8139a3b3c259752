package io.inkan.auth.certificate;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a user's certificate stands, as a user session's token answer tells the front end, so that it shows the
 * renewal notice (「電子証明書更新」) without another call (docs/contract.md §4).
 *
 * @param renewableFrom from when issuance-service renews it, as its CertificateIssued said; null when it did not say
 * @param renewalAvailable whether a renewal may be asked for now: the window is open ({@code renewableFrom} reached)
 *     and nothing else is on its way to the user: no renewal issued and waiting for its first use, no request of
 *     theirs still waiting for issuance-service's answer, no reissue (初期化) the administrator ordered that no
 *     certificate answers yet (its certificate replaces this one; a renewal beside it would be revoked with it)
 */
public record CertificateStanding(
        String serialNumber, Instant notAfter, Instant renewableFrom, boolean renewalAvailable) {

    /**
     * The standing of the certificate a session speaks for: the one it logged on with, or, for a session opened with
     * ID and password, the user's certificate in use (ACTIVE before a renewal not used yet, then the latest notAfter).
     * Empty when the user holds no usable certificate.
     *
     * @param loggedOnWith the serial of the session's certificate, or null
     * @param requestAwaitingAnswer whether a certificate request of the user waits for issuance-service's answer
     */
    static Optional<CertificateStanding> of(
            CertificateHolding holding, String loggedOnWith, boolean requestAwaitingAnswer, Instant now) {
        List<KnownCertificate> usable =
                holding.certificates().stream().filter(c -> c.usableAt(now)).toList();
        Optional<KnownCertificate> shown = usable.stream()
                .filter(c -> c.serialNumber().equals(loggedOnWith))
                .findFirst()
                .or(() -> usable.stream()
                        .min(Comparator.comparing((KnownCertificate c) -> c.status() != CertificateStatus.ACTIVE)
                                .thenComparing(KnownCertificate::notAfter, Comparator.reverseOrder())));
        return shown.map(certificate -> {
            boolean renewalWaiting = usable.stream()
                    .anyMatch(c -> c != certificate && c.status() == CertificateStatus.AWAITING_FIRST_USE);
            boolean windowOpen = certificate.renewableFrom() != null && !now.isBefore(certificate.renewableFrom());
            return new CertificateStanding(
                    certificate.serialNumber(),
                    certificate.notAfter(),
                    certificate.renewableFrom(),
                    windowOpen && !renewalWaiting && !requestAwaitingAnswer && !holding.reissueOpen());
        });
    }
}

package io.inkan.auth.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.RequestKind;
import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateHoldingTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");

    private KnownCertificate certificate(String serial, CertificateStatus status, Instant notAfter) {
        return new KnownCertificate(
                serial,
                "ff" + serial,
                "C1",
                "U1",
                RequestKind.NEW,
                status,
                null,
                notAfter.minus(Duration.ofDays(365)),
                notAfter);
    }

    @Test
    void beforeTheFirstIssuanceIdAndPasswordLogOnAndARequestIsNew() {
        CertificateHolding holding = new CertificateHolding(List.of(), false);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
        assertThat(holding.kindOfPasswordRequest(clock.instant())).isEqualTo(RequestKind.NEW);
    }

    @Test
    void whileAnActiveCertificateIsHeldIdAndPasswordLogonIsRefused() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate(
                        "01", CertificateStatus.ACTIVE, clock.instant().plus(Duration.ofDays(100)))),
                false);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();
    }

    @Test
    void anUnusedRenewalAlsoCountsAsUsable() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate(
                        "02",
                        CertificateStatus.AWAITING_FIRST_USE,
                        clock.instant().plus(Duration.ofDays(400)))),
                false);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();
    }

    @Test
    void afterExpiryIdAndPasswordLogOnAgainAndARequestIsARenewal() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate(
                        "01", CertificateStatus.ACTIVE, clock.instant().plus(Duration.ofDays(1)))),
                false);
        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();

        clock.advance(Duration.ofDays(2)); // notAfter passed, even before CertificateExpired arrives

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
        assertThat(holding.kindOfPasswordRequest(clock.instant())).isEqualTo(RequestKind.RENEWAL);
    }

    @Test
    void afterAReissueIdAndPasswordLogOnAgainAndARequestIsAReissue() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate(
                        "01", CertificateStatus.REVOKED, clock.instant().plus(Duration.ofDays(100)))),
                true);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
        assertThat(holding.kindOfPasswordRequest(clock.instant())).isEqualTo(RequestKind.REISSUE);
    }

    @Test
    void aSupersededCertificateDoesNotCount() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate(
                        "01", CertificateStatus.SUPERSEDED, clock.instant().plus(Duration.ofDays(10)))),
                false);

        assertThat(holding.holdsUsableCertificate(clock.instant())).isFalse();
    }
}

package io.inkan.auth.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateHoldingTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");

    private KnownCertificate certificate(String serial, CertificateStatus status, Instant notAfter) {
        return issued(serial, status, notAfter, null, notAfter.minus(Duration.ofDays(365)));
    }

    private KnownCertificate issued(
            String serial, CertificateStatus status, Instant notAfter, String authorizationId, Instant issuedAt) {
        return new KnownCertificate(
                serial, "ff" + serial, "C1", "U1", status, null, issuedAt, notAfter, authorizationId, issuedAt, null);
    }

    private Instant inDays(int days) {
        return clock.instant().plus(Duration.ofDays(days));
    }

    @Test
    void beforeTheFirstIssuanceIdAndPasswordLogOn() {
        CertificateHolding holding = new CertificateHolding(List.of(), null);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
    }

    @Test
    void whileAnActiveCertificateIsHeldIdAndPasswordLogonIsRefused() {
        CertificateHolding holding =
                new CertificateHolding(List.of(certificate("01", CertificateStatus.ACTIVE, inDays(100))), null);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();
    }

    @Test
    void anUnusedRenewalAlsoCountsAsUsable() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate("02", CertificateStatus.AWAITING_FIRST_USE, inDays(400))), null);

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();
    }

    @Test
    void afterExpiryIdAndPasswordLogOnAgain() {
        CertificateHolding holding =
                new CertificateHolding(List.of(certificate("01", CertificateStatus.ACTIVE, inDays(1))), null);
        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();

        clock.advance(Duration.ofDays(2)); // notAfter passed, even before CertificateExpired arrives

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
    }

    @Test
    void afterAReissueAndTheRevocationIdAndPasswordLogOnAgain() {
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate("01", CertificateStatus.REVOKED, inDays(100))),
                new CertificateHolding.Reissue("R1", clock.instant()));

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
    }

    @Test
    void aReissueOpensIdAndPasswordAtOnceWhileIssuanceServicesRevocationIsStillOnItsWay() {
        // the administrators' topic ran ahead: the old certificate is still ACTIVE as far as events said
        CertificateHolding holding = new CertificateHolding(
                List.of(certificate("01", CertificateStatus.ACTIVE, inDays(100))),
                new CertificateHolding.Reissue("R1", clock.instant()));

        assertThat(holding.reissueOpen()).isTrue();
        assertThat(holding.holdsUsableCertificate(clock.instant()))
                .as("the certificate's state is issuance-service's to change")
                .isTrue();
        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
    }

    @Test
    void theCertificateIssuedForTheReissueAnswersItEvenWhenItsEventArrivedFirst() {
        Instant reissuedAt = clock.instant();
        KnownCertificate old = certificate("01", CertificateStatus.REVOKED, inDays(100));
        // issuance-service's clock may run behind admin-service's: the authorization it used is what counts
        KnownCertificate forTheReissue =
                issued("02", CertificateStatus.ACTIVE, inDays(365), "R1", reissuedAt.minusSeconds(30));

        CertificateHolding holding =
                new CertificateHolding(List.of(old, forTheReissue), new CertificateHolding.Reissue("R1", reissuedAt));

        assertThat(holding.reissueOpen()).isFalse();
        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();
    }

    @Test
    void withoutAnAuthorizationACertificateIssuedAfterTheReissueAnswersIt() {
        // SELF_SERVICE, or an older issuance-service: time decides, and the reissue's own second counts as after
        Instant reissuedAt = clock.instant().plusMillis(700);
        KnownCertificate issuedAfter =
                issued("02", CertificateStatus.ACTIVE, inDays(365), null, reissuedAt.minusMillis(500));

        CertificateHolding holding =
                new CertificateHolding(List.of(issuedAfter), new CertificateHolding.Reissue("R1", reissuedAt));

        assertThat(holding.mayLogOnWithPassword(clock.instant())).isFalse();
    }

    @Test
    void aCertificateIssuedBeforeTheReissueDoesNotAnswerIt() {
        KnownCertificate before = issued(
                "01",
                CertificateStatus.ACTIVE,
                inDays(300),
                "ISSUANCE-1",
                clock.instant().minus(Duration.ofDays(65)));

        CertificateHolding holding =
                new CertificateHolding(List.of(before), new CertificateHolding.Reissue("R2", clock.instant()));

        assertThat(holding.reissueOpen()).isTrue();
        assertThat(holding.mayLogOnWithPassword(clock.instant())).isTrue();
    }

    @Test
    void aSupersededCertificateDoesNotCount() {
        CertificateHolding holding =
                new CertificateHolding(List.of(certificate("01", CertificateStatus.SUPERSEDED, inDays(10))), null);

        assertThat(holding.holdsUsableCertificate(clock.instant())).isFalse();
    }
}

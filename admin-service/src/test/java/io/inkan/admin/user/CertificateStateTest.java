package io.inkan.admin.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CertificateStateTest {
    private final MutableClock clock = MutableClock.at("2026-04-01T00:00:00Z");
    private final Instant notAfter = Instant.parse("2027-04-01T00:00:00Z");
    private final Instant renewedNotAfter = Instant.parse("2028-04-01T00:00:00Z");

    private CertificateState authorized() {
        return CertificateState.NONE.authorized(
                "auth-1",
                AuthorizationKind.ISSUANCE,
                clock.instant(),
                clock.instant().plus(Duration.ofDays(90)));
    }

    private CertificateStatus status(CertificateState state) {
        return state.status(clock.instant());
    }

    @Test
    void aNewUserHasNoCertificate() {
        assertThat(status(CertificateState.NONE)).isEqualTo(CertificateStatus.NONE);
    }

    @Test
    void anAuthorizationMakesTheUserAuthorizedUntilItLapses() {
        CertificateState state = authorized();
        assertThat(status(state)).isEqualTo(CertificateStatus.AUTHORIZED);
        clock.advance(Duration.ofDays(91));
        assertThat(status(state)).isEqualTo(CertificateStatus.NONE);
    }

    @Test
    void anIssuedCertificateIsActiveAndUsesTheAuthorizationUp() {
        CertificateState state = authorized().issued("aa01", notAfter, RequestKind.NEW, null);
        assertThat(status(state)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(state.currentSerial()).isEqualTo("aa01");
        assertThat(state.currentNotAfter()).isEqualTo(notAfter);
        assertThat(state.authorizationOutstanding(clock.instant())).isFalse();
    }

    @Test
    void aRenewalWaitsForItsFirstUseThenReplacesTheOldCertificate() {
        CertificateState active = authorized().issued("aa01", notAfter, RequestKind.NEW, null);
        CertificateState renewing = active.issued("bb02", renewedNotAfter, RequestKind.RENEWAL, "aa01");
        assertThat(status(renewing)).isEqualTo(CertificateStatus.RENEWAL_PENDING);
        assertThat(renewing.currentSerial()).isEqualTo("aa01");
        assertThat(renewing.pendingSerial()).isEqualTo("bb02");

        CertificateState activated = renewing.activated("bb02");
        assertThat(status(activated)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(activated.currentSerial()).isEqualTo("bb02");
        assertThat(activated.currentNotAfter()).isEqualTo(renewedNotAfter);

        // the old one is then revoked superseded: nothing changes for the user
        assertThat(activated.revoked("aa01", RevocationReason.SUPERSEDED)).isEqualTo(activated);
    }

    @Test
    void theOldCertificateSupersededBeforeTheActivationArrivesStillLeavesTheRenewalActive() {
        CertificateState renewing = authorized()
                .issued("aa01", notAfter, RequestKind.NEW, null)
                .issued("bb02", renewedNotAfter, RequestKind.RENEWAL, "aa01");
        CertificateState superseded = renewing.revoked("aa01", RevocationReason.SUPERSEDED);
        assertThat(status(superseded)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(superseded.currentSerial()).isEqualTo("bb02");
        assertThat(superseded.activated("bb02")).isEqualTo(superseded);
    }

    @Test
    void anActivationSeenBeforeItsIssuanceIsCompletedByTheIssuance() {
        CertificateState active = authorized().issued("aa01", notAfter, RequestKind.NEW, null);
        CertificateState early = active.activated("bb02");
        assertThat(status(early)).isEqualTo(CertificateStatus.ACTIVE);
        CertificateState completed = early.issued("bb02", renewedNotAfter, RequestKind.RENEWAL, "aa01");
        assertThat(completed.currentSerial()).isEqualTo("bb02");
        assertThat(completed.currentNotAfter()).isEqualTo(renewedNotAfter);
        assertThat(status(completed)).isEqualTo(CertificateStatus.ACTIVE);
    }

    @Test
    void revokingTheCurrentCertificateShowsRevoked() {
        CertificateState revoked = authorized()
                .issued("aa01", notAfter, RequestKind.NEW, null)
                .revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(status(revoked)).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.currentSerial()).isEqualTo("aa01");
    }

    @Test
    void revokingAnotherSerialChangesNothing() {
        CertificateState active = authorized().issued("aa01", notAfter, RequestKind.NEW, null);
        assertThat(active.revoked("ffff", RevocationReason.KEY_COMPROMISE)).isEqualTo(active);
    }

    @Test
    void aReissueShowsAuthorizedOnceTheOldCertificateIsRevokedThenActiveWithTheNewOne() {
        CertificateState active = authorized().issued("aa01", notAfter, RequestKind.NEW, null);
        CertificateState reissue = active.authorized(
                "re-1",
                AuthorizationKind.REISSUE,
                clock.instant(),
                clock.instant().plus(Duration.ofDays(90)));
        assertThat(status(reissue)).isEqualTo(CertificateStatus.ACTIVE);
        CertificateState revoked = reissue.revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(status(revoked)).isEqualTo(CertificateStatus.AUTHORIZED);
        CertificateState reissued = revoked.issued("cc03", renewedNotAfter, RequestKind.REISSUE, "aa01");
        assertThat(status(reissued)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(reissued.currentSerial()).isEqualTo("cc03");
        assertThat(reissued.authorizationOutstanding(clock.instant())).isFalse();
    }

    @Test
    void anExpiredCertificateShowsExpired() {
        CertificateState expired =
                authorized().issued("aa01", notAfter, RequestKind.NEW, null).expired("aa01", notAfter);
        assertThat(status(expired)).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(expired.currentNotAfter()).isEqualTo(notAfter);
    }

    @Test
    void anUnusedRenewalTakesOverWhenTheOldCertificateExpires() {
        CertificateState expired = authorized()
                .issued("aa01", notAfter, RequestKind.NEW, null)
                .issued("bb02", renewedNotAfter, RequestKind.RENEWAL, "aa01")
                .expired("aa01", notAfter);
        assertThat(status(expired)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(expired.currentSerial()).isEqualTo("bb02");
    }

    @Test
    void aRenewalAfterExpiryIsActiveAtOnce() {
        CertificateState renewed = authorized()
                .issued("aa01", notAfter, RequestKind.NEW, null)
                .expired("aa01", notAfter)
                .issued("bb02", renewedNotAfter, RequestKind.RENEWAL, "aa01");
        assertThat(status(renewed)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(renewed.currentSerial()).isEqualTo("bb02");
    }

    @Test
    void aSelfServiceReissueReplacesTheCertificateAtOnce() {
        CertificateState replaced = CertificateState.NONE
                .issued("aa01", notAfter, RequestKind.NEW, null)
                .issued("bb02", renewedNotAfter, RequestKind.NEW, "aa01");
        assertThat(status(replaced)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(replaced.currentSerial()).isEqualTo("bb02");
        assertThat(replaced.revoked("aa01", RevocationReason.SUPERSEDED)).isEqualTo(replaced);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        CertificateState active = authorized().issued("aa01", notAfter, RequestKind.NEW, null);
        assertThat(active.issued("aa01", notAfter, RequestKind.NEW, null)).isEqualTo(active);
        CertificateState revoked = active.revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(revoked.revoked("aa01", RevocationReason.KEY_COMPROMISE)).isEqualTo(revoked);
        assertThat(revoked.expired("aa01", notAfter)).isEqualTo(revoked);
    }
}

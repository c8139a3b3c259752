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
        return CertificateState.NONE.authorized("auth-1", AuthorizationKind.ISSUANCE, clock.instant());
    }

    private CertificateStatus status(CertificateState state) {
        return state.status();
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
        state = state.authorizationLapsed("auth-1"); // issuance-service says so; admin-service does not count days
        assertThat(status(state)).isEqualTo(CertificateStatus.NONE);
    }

    @Test
    void anIssuedCertificateIsActiveAndUsesTheAuthorizationUp() {
        CertificateState state = authorized().issued("aa01", notAfter, false, "auth-1");
        assertThat(status(state)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(state.currentSerial()).isEqualTo("aa01");
        assertThat(state.currentNotAfter()).isEqualTo(notAfter);
        assertThat(state.authorizationOutstanding()).isFalse();
    }

    @Test
    void aRenewalWaitsForItsFirstUseThenReplacesTheOldCertificate() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        CertificateState renewing = active.issued("bb02", renewedNotAfter, true, null);
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
        CertificateState renewing =
                authorized().issued("aa01", notAfter, false, "auth-1").issued("bb02", renewedNotAfter, true, null);
        CertificateState superseded = renewing.revoked("aa01", RevocationReason.SUPERSEDED);
        assertThat(status(superseded)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(superseded.currentSerial()).isEqualTo("bb02");
        assertThat(superseded.activated("bb02")).isEqualTo(superseded);
    }

    @Test
    void anActivationSeenBeforeItsIssuanceIsCompletedByTheIssuance() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        CertificateState early = active.activated("bb02");
        assertThat(status(early)).isEqualTo(CertificateStatus.ACTIVE);
        CertificateState completed = early.issued("bb02", renewedNotAfter, true, null);
        assertThat(completed.currentSerial()).isEqualTo("bb02");
        assertThat(completed.currentNotAfter()).isEqualTo(renewedNotAfter);
        assertThat(status(completed)).isEqualTo(CertificateStatus.ACTIVE);
    }

    @Test
    void revokingTheCurrentCertificateShowsRevoked() {
        CertificateState revoked =
                authorized().issued("aa01", notAfter, false, "auth-1").revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(status(revoked)).isEqualTo(CertificateStatus.REVOKED);
        assertThat(revoked.currentSerial()).isEqualTo("aa01");
    }

    @Test
    void revokingAnotherSerialChangesNothing() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        assertThat(active.revoked("ffff", RevocationReason.KEY_COMPROMISE)).isEqualTo(active);
    }

    @Test
    void aReissueShowsAuthorizedOnceTheOldCertificateIsRevokedThenActiveWithTheNewOne() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        CertificateState reissue = active.authorized("re-1", AuthorizationKind.REISSUE, clock.instant());
        assertThat(status(reissue)).isEqualTo(CertificateStatus.ACTIVE);
        CertificateState revoked = reissue.revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(status(revoked)).isEqualTo(CertificateStatus.AUTHORIZED);
        CertificateState reissued = revoked.issued("cc03", renewedNotAfter, false, "re-1");
        assertThat(status(reissued)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(reissued.currentSerial()).isEqualTo("cc03");
        assertThat(reissued.authorizationOutstanding()).isFalse();
    }

    @Test
    void anExpiredCertificateShowsExpired() {
        CertificateState expired =
                authorized().issued("aa01", notAfter, false, "auth-1").expired("aa01", notAfter);
        assertThat(status(expired)).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(expired.currentNotAfter()).isEqualTo(notAfter);
    }

    @Test
    void anUnusedRenewalTakesOverWhenTheOldCertificateExpires() {
        CertificateState expired = authorized()
                .issued("aa01", notAfter, false, "auth-1")
                .issued("bb02", renewedNotAfter, true, null)
                .expired("aa01", notAfter);
        assertThat(status(expired)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(expired.currentSerial()).isEqualTo("bb02");
    }

    @Test
    void aRenewalAfterExpiryIsActiveAtOnce() {
        CertificateState renewed = authorized()
                .issued("aa01", notAfter, false, "auth-1")
                .expired("aa01", notAfter)
                .issued("bb02", renewedNotAfter, false, null); // issuance-service: no wait after expiry
        assertThat(status(renewed)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(renewed.currentSerial()).isEqualTo("bb02");
    }

    @Test
    void aSelfServiceReissueReplacesTheCertificateAtOnce() {
        CertificateState replaced = CertificateState.NONE
                .issued("aa01", notAfter, false, null)
                .issued("bb02", renewedNotAfter, false, null);
        assertThat(status(replaced)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(replaced.currentSerial()).isEqualTo("bb02");
        assertThat(replaced.revoked("aa01", RevocationReason.SUPERSEDED)).isEqualTo(replaced);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        assertThat(active.issued("aa01", notAfter, false, "auth-1")).isEqualTo(active);
        CertificateState revoked = active.revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(revoked.revoked("aa01", RevocationReason.KEY_COMPROMISE)).isEqualTo(revoked);
        assertThat(revoked.expired("aa01", notAfter)).isEqualTo(revoked);
    }

    @Test
    void anIssuanceThatUsedNoAuthorizationLeavesItOutstanding() {
        // a renewal or a self-service issuance: issuance-service names no authorization and still holds this one
        CertificateState state = authorized().issued("aa01", notAfter, false, null);
        assertThat(status(state)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(state.authorizationStatus()).isEqualTo(AuthorizationStatus.OUTSTANDING);
        CertificateState revoked = state.revoked("aa01", RevocationReason.KEY_COMPROMISE);
        assertThat(status(revoked)).isEqualTo(CertificateStatus.AUTHORIZED);
    }

    @Test
    void aLapsedAuthorizationShowsLapsedAndANewOneMayBeGranted() {
        CertificateState lapsed = authorized().authorizationLapsed("auth-1");
        assertThat(status(lapsed)).isEqualTo(CertificateStatus.NONE);
        assertThat(lapsed.authorizationStatus()).isEqualTo(AuthorizationStatus.LAPSED);
        assertThat(lapsed.outstanding()).isEmpty();

        CertificateState again = lapsed.authorized("auth-2", AuthorizationKind.ISSUANCE, clock.instant());
        assertThat(status(again)).isEqualTo(CertificateStatus.AUTHORIZED);
        assertThat(again.authorizationStatus()).isEqualTo(AuthorizationStatus.OUTSTANDING);
        assertThat(again.issued("aa01", notAfter, false, "auth-2").authorizationStatus())
                .isEqualTo(AuthorizationStatus.USED);
    }

    @Test
    void aReissueGrantedBesideAnOutstandingAuthorizationKeepsBothUntilIssuanceSettlesEach() {
        CertificateState both = authorized()
                .authorized("re-1", AuthorizationKind.REISSUE, clock.instant().plusSeconds(60));
        assertThat(both.outstanding()).map(Authorization::id).contains("auth-1");
        assertThat(both.outstanding(AuthorizationKind.REISSUE))
                .map(Authorization::id)
                .contains("re-1");

        CertificateState first = both.issued("aa01", notAfter, false, "auth-1");
        assertThat(status(first)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(first.outstanding()).map(Authorization::id).contains("re-1");
        assertThat(first.authorizationStatus()).isEqualTo(AuthorizationStatus.OUTSTANDING);

        CertificateState second = first.issued("cc03", renewedNotAfter, false, "re-1");
        assertThat(second.currentSerial()).isEqualTo("cc03");
        assertThat(second.authorizationOutstanding()).isFalse();
        assertThat(second.authorizations()).extracting(Authorization::status).containsOnly(AuthorizationStatus.USED);
    }

    @Test
    void aSettledOrUnknownAuthorizationStaysAsItIs() {
        CertificateState used = authorized().issued("aa01", notAfter, false, "auth-1");
        assertThat(used.authorizationLapsed("auth-1")).isEqualTo(used);
        assertThat(used.authorizationLapsed("someone-elses")).isEqualTo(used);
        assertThat(used.authorized("auth-1", AuthorizationKind.ISSUANCE, clock.instant()))
                .isEqualTo(used);
        CertificateState lapsed = authorized().authorizationLapsed("auth-1");
        assertThat(lapsed.issued("aa01", notAfter, false, "auth-1").authorizationStatus())
                .isEqualTo(AuthorizationStatus.LAPSED);
    }

    @Test
    void whatIssuanceServiceSaysIsWhatTheReadModelShows() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        // a renewal after expiry within the grace: issuance-service makes it current at once
        CertificateState expired = active.expired("aa01", notAfter);
        assertThat(status(CertificateReadModelFixture.issued(expired, "bb02", renewedNotAfter, false, "aa01")))
                .isEqualTo(CertificateStatus.ACTIVE);
        // a renewal inside the window waits for its first use, whatever kind it was
        assertThat(status(CertificateReadModelFixture.issued(active, "bb02", renewedNotAfter, true, "aa01")))
                .isEqualTo(CertificateStatus.RENEWAL_PENDING);
    }

    @Test
    void anEventOfAnOlderIssuanceServiceIsReadAsBefore() {
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        CertificateState renewing =
                CertificateReadModelFixture.legacyIssued(active, "bb02", RequestKind.RENEWAL, "aa01");
        assertThat(status(renewing)).isEqualTo(CertificateStatus.RENEWAL_PENDING);

        CertificateState first = CertificateReadModelFixture.legacyIssued(authorized(), "aa01", RequestKind.NEW, null);
        assertThat(status(first)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(first.authorizationStatus()).isEqualTo(AuthorizationStatus.USED);
    }

    @Test
    void aRenewalWithinTheGraceHeardOfBeforeTheOldCertificatesExpiryIsTheUsersCertificateAtOnce() {
        // issuance-service renewed after notAfter but before its expiry scan reported the old one expired: it says
        // the new certificate does not wait, so admin shows it current, as issuance-service and auth-service do
        CertificateState active = authorized().issued("aa01", notAfter, false, "auth-1");
        CertificateState renewed = active.issued("bb02", renewedNotAfter, false, null);
        assertThat(status(renewed)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(renewed.currentSerial()).isEqualTo("bb02");
        assertThat(renewed.pendingSerial()).isNull();
        assertThat(renewed.expired("aa01", notAfter)).isEqualTo(renewed);
    }
}

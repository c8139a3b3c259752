package io.inkan.issuance.right;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.Span;
import io.inkan.issuance.policy.IssuanceMode;
import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule of docs/contract.md §2, on a clock the test moves. */
class IssuanceRulesTest {
    private final MutableClock clock = MutableClock.at("2025-04-01T00:00:00Z");
    private final IssuanceRules adminAuthorized = rules(IssuanceMode.ADMIN_AUTHORIZED);
    private final IssuanceRules selfService = rules(IssuanceMode.SELF_SERVICE);

    private static IssuanceRules rules(IssuanceMode mode) {
        return new IssuanceRules(
                mode, Span.valueOf("P40D"), Span.valueOf("P90D"), Span.valueOf("P90D"), Span.valueOf("PT10S"));
    }

    @Test
    void anAuthorizedUserMayObtainOneCertificate() {
        var authorization = authorization("a1", Authorization.Kind.ISSUANCE, clock.instant());
        clock.advance(Period.ofDays(3));

        Decision decision = adminAuthorized.decide(ask(RequestKind.NEW, UserCertificates.NONE, authorization));

        assertThat(decision).isEqualTo(new Decision.Issue(RequestKind.NEW, false, null, "a1", List.of()));
    }

    @Test
    void withoutAuthorizationTheRequestWaitsThenIsRejected() {
        Instant received = clock.instant();
        Question question = ask(RequestKind.NEW, UserCertificates.NONE);

        assertThat(adminAuthorized.decide(question)).isEqualTo(new Decision.Hold(received.plusSeconds(10)));

        clock.advance(Duration.ofSeconds(10));
        assertThat(adminAuthorized.decide(
                        new Question(RequestKind.NEW, received, clock.instant(), UserCertificates.NONE, List.of())))
                .isInstanceOfSatisfying(
                        Decision.Reject.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED));
    }

    @Test
    void anAuthorizationLapsesAfterItsValidity() {
        var authorization = authorization("a1", Authorization.Kind.ISSUANCE, clock.instant());
        clock.advance(Period.ofDays(90));

        assertThat(rejectionAfterTheWait(adminAuthorized, RequestKind.NEW, UserCertificates.NONE, authorization))
                .isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    @Test
    void anAuthorizationUsedUpAllowsNoSecondIssuance() {
        var used = new Authorization("a1", Authorization.Kind.ISSUANCE, clock.instant(), "request-1");

        assertThat(rejectionAfterTheWait(adminAuthorized, RequestKind.NEW, UserCertificates.NONE, used))
                .isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    @Test
    void theOldestUnusedAuthorizationIsUsedFirst() {
        var older = authorization("older", Authorization.Kind.ISSUANCE, clock.instant());
        var newer = authorization(
                "newer", Authorization.Kind.ISSUANCE, clock.instant().plusSeconds(60));
        clock.advance(Duration.ofMinutes(2));

        assertThat(adminAuthorized.decide(ask(RequestKind.NEW, UserCertificates.NONE, newer, older)))
                .isInstanceOfSatisfying(
                        Decision.Issue.class,
                        i -> assertThat(i.authorizationId()).isEqualTo("older"));
    }

    @Test
    void renewalBeforeTheWindowIsTooEarlyInBothStyles() {
        var held = holding("s1", clock.instant().plus(Duration.ofDays(41)));
        for (IssuanceRules rules : List.of(adminAuthorized, selfService)) {
            assertThat(rules.decide(ask(RequestKind.RENEWAL, held)))
                    .isInstanceOfSatisfying(
                            Decision.Reject.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.RENEWAL_TOO_EARLY));
        }
    }

    @Test
    void renewalInTheWindowWaitsForItsFirstUseBeforeReplacingTheCurrentOne() {
        var held = holding("s1", clock.instant().plus(Duration.ofDays(40)));

        assertThat(adminAuthorized.decide(ask(RequestKind.RENEWAL, held)))
                .isEqualTo(new Decision.Issue(RequestKind.RENEWAL, true, "s1", null, List.of()));
    }

    @Test
    void aSecondRenewalReplacesTheOneNeverInstalled() {
        Instant notAfter = clock.instant().plus(Duration.ofDays(10));
        var held = new UserCertificates(
                new HeldCertificate("s1", notAfter),
                new HeldCertificate("s2", notAfter.plus(Period.ofDays(365))),
                null);

        assertThat(adminAuthorized.decide(ask(RequestKind.RENEWAL, held)))
                .isEqualTo(new Decision.Issue(RequestKind.RENEWAL, true, "s1", null, List.of("s2")));
    }

    @Test
    void afterExpiryIdAndPasswordRenewWithinTheGrace() {
        var expired = new UserCertificates(null, null, new HeldCertificate("s1", clock.instant()));
        clock.advance(Period.ofDays(89));

        assertThat(adminAuthorized.decide(ask(RequestKind.RENEWAL, expired)))
                .isEqualTo(new Decision.Issue(RequestKind.RENEWAL, false, "s1", null, List.of()));
    }

    @Test
    void beyondTheGraceOnlyAnAdministratorsReissueHelps() {
        var expired = new UserCertificates(null, null, new HeldCertificate("s1", clock.instant()));
        clock.advance(Period.ofDays(90));

        assertThat(rejectionAfterTheWait(adminAuthorized, RequestKind.RENEWAL, expired))
                .isEqualTo(RejectionReason.NOT_AUTHORIZED);

        var reissue = authorization("r1", Authorization.Kind.REISSUE, clock.instant());
        assertThat(adminAuthorized.decide(ask(RequestKind.REISSUE, expired, reissue)))
                .isEqualTo(new Decision.Issue(RequestKind.REISSUE, false, null, "r1", List.of()));
    }

    @Test
    void aReissueUsesTheReissueAuthorization() {
        var reissue = authorization("r1", Authorization.Kind.REISSUE, clock.instant());

        assertThat(adminAuthorized.decide(ask(RequestKind.REISSUE, UserCertificates.NONE, reissue)))
                .isEqualTo(new Decision.Issue(RequestKind.REISSUE, false, null, "r1", List.of()));
    }

    @Test
    void anAuthorizedIssuanceSupersedesWhatTheUserStillHolds() {
        var held = holding("s1", clock.instant().plus(Period.ofDays(200)));
        var authorization = authorization("a1", Authorization.Kind.ISSUANCE, clock.instant());

        assertThat(adminAuthorized.decide(ask(RequestKind.NEW, held, authorization)))
                .isEqualTo(new Decision.Issue(RequestKind.NEW, false, "s1", "a1", List.of("s1")));
    }

    @Test
    void selfServiceIssuesWithoutAuthorizationAndRevokesThePreviousAtOnce() {
        var held = new UserCertificates(
                new HeldCertificate("s1", clock.instant().plus(Period.ofDays(200))),
                new HeldCertificate("s2", clock.instant().plus(Period.ofDays(500))),
                null);

        assertThat(selfService.decide(ask(RequestKind.NEW, held)))
                .isEqualTo(new Decision.Issue(RequestKind.NEW, false, "s1", null, List.of("s1", "s2")));
        assertThat(selfService.decide(ask(RequestKind.NEW, UserCertificates.NONE)))
                .isEqualTo(new Decision.Issue(RequestKind.NEW, false, null, null, List.of()));
    }

    @Test
    void selfServiceAfterTheGraceIssuesANewCertificate() {
        var expired = new UserCertificates(null, null, new HeldCertificate("s1", clock.instant()));
        clock.advance(Period.ofDays(400));

        assertThat(selfService.decide(ask(RequestKind.RENEWAL, expired)))
                .isEqualTo(new Decision.Issue(RequestKind.NEW, false, null, null, List.of()));
    }

    // --- issue 12: the request says what the customer asked for; the rules decide what is issued ----------------

    @Test
    void aRequestWithIdAndPasswordAfterAReissueIsIssuedAsAReissueInBothStyles() {
        var reissue = authorization("r1", Authorization.Kind.REISSUE, clock.instant());

        for (IssuanceRules rules : List.of(adminAuthorized, selfService)) {
            assertThat(rules.decide(ask(RequestKind.NEW, UserCertificates.NONE, reissue)))
                    .isEqualTo(new Decision.Issue(RequestKind.REISSUE, false, null, "r1", List.of()));
        }
    }

    @Test
    void anOlderAuthServicesReissueRequestWaitsForTheReissueStillInFlightInsteadOfRenewing() {
        var expired = new UserCertificates(null, null, new HeldCertificate("s1", clock.instant()));
        clock.advance(Period.ofDays(30));

        assertThat(adminAuthorized.decide(ask(RequestKind.REISSUE, expired)))
                .isEqualTo(new Decision.Hold(clock.instant().plusSeconds(10)));
        assertThat(selfService.decide(ask(RequestKind.REISSUE, expired)))
                .isEqualTo(new Decision.Issue(RequestKind.REISSUE, false, null, null, List.of()));
    }

    @Test
    void aReissueRightIsUsedBeforeAnOlderIssuanceAuthorization() {
        var older = authorization("a1", Authorization.Kind.ISSUANCE, clock.instant());
        var reissue =
                authorization("r1", Authorization.Kind.REISSUE, clock.instant().plusSeconds(60));
        clock.advance(Duration.ofMinutes(2));

        assertThat(adminAuthorized.decide(ask(RequestKind.NEW, UserCertificates.NONE, older, reissue)))
                .isEqualTo(new Decision.Issue(RequestKind.REISSUE, false, null, "r1", List.of()));
    }

    @Test
    void afterExpiryARequestWithIdAndPasswordIsARenewalThatDoesNotWaitForItsFirstUse() {
        var expired = new UserCertificates(null, null, new HeldCertificate("s1", clock.instant()));
        clock.advance(Period.ofDays(89));

        for (IssuanceRules rules : List.of(adminAuthorized, selfService)) {
            assertThat(rules.decide(ask(RequestKind.NEW, expired)))
                    .isEqualTo(new Decision.Issue(RequestKind.RENEWAL, false, "s1", null, List.of()));
        }
    }

    @Test
    void afterExpiryAPendingReissueMakesAReissueRatherThanARenewal() {
        var expired = new UserCertificates(null, null, new HeldCertificate("s1", clock.instant()));
        clock.advance(Period.ofDays(10));
        var reissue = authorization("r1", Authorization.Kind.REISSUE, clock.instant());

        assertThat(adminAuthorized.decide(ask(RequestKind.NEW, expired, reissue)))
                .isEqualTo(new Decision.Issue(RequestKind.REISSUE, false, null, "r1", List.of()));
    }

    @Test
    void anAuthorizationTheLapseScanMarkedIsNotUsedEvenWhereThisClockIsBehind() {
        var lapsed = new Authorization(
                "a1",
                Authorization.Kind.ISSUANCE,
                clock.instant(),
                null,
                clock.instant().plus(Period.ofDays(90)));
        clock.advance(Period.ofDays(89));

        assertThat(rejectionAfterTheWait(adminAuthorized, RequestKind.NEW, UserCertificates.NONE, lapsed))
                .isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    @Test
    void anAuthorizationWithAnAcquisitionCodeIsUsedOnlyByTheRequestThatNamesIt() {
        var coded = new Authorization("a1", Authorization.Kind.ISSUANCE, clock.instant(), null, null, true);
        clock.advance(Duration.ofMinutes(1));

        // the password alone: held like a request whose authorization is in flight, then refused
        Instant received = clock.instant();
        assertThat(adminAuthorized.decide(ask(RequestKind.NEW, UserCertificates.NONE, coded)))
                .isEqualTo(new Decision.Hold(received.plusSeconds(10)));
        clock.advance(Duration.ofSeconds(10));
        assertThat(adminAuthorized.decide(new Question(
                        RequestKind.NEW, received, clock.instant(), UserCertificates.NONE, List.of(coded))))
                .isInstanceOfSatisfying(Decision.Reject.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED);
                    assertThat(r.detail()).contains("acquisition code");
                });

        // with the code auth-service checked
        assertThat(adminAuthorized.decide(new Question(
                        RequestKind.NEW,
                        clock.instant(),
                        clock.instant(),
                        UserCertificates.NONE,
                        List.of(coded),
                        "a1")))
                .isEqualTo(new Decision.Issue(RequestKind.NEW, false, null, "a1", List.of()));
    }

    @Test
    void aReissueWithAnAcquisitionCodeIsNotUsedByARequestThatNamesAnotherAuthorization() {
        var reissue = new Authorization("r1", Authorization.Kind.REISSUE, clock.instant(), null, null, true);
        var issuance = new Authorization("a1", Authorization.Kind.ISSUANCE, clock.instant(), null, null, true);

        assertThat(adminAuthorized.decide(new Question(
                        RequestKind.NEW,
                        clock.instant(),
                        clock.instant(),
                        UserCertificates.NONE,
                        List.of(issuance, reissue),
                        "a1")))
                .isEqualTo(new Decision.Issue(RequestKind.NEW, false, null, "a1", List.of()));
    }

    @Test
    void anAuthorizationLapsesItsValidityAfterItWasGiven() {
        assertThat(adminAuthorized.lapsesAt(Instant.parse("2025-01-31T09:00:00Z")))
                .isEqualTo(Instant.parse("2025-05-01T09:00:00Z"));
    }

    @Test
    void aCertificateIsRenewableFromTheWindowBeforeItsNotAfter() {
        assertThat(adminAuthorized.renewableFrom(Instant.parse("2026-04-01T00:00:00Z")))
                .isEqualTo(Instant.parse("2026-02-20T00:00:00Z"));
    }

    private Question ask(RequestKind kind, UserCertificates held, Authorization... authorizations) {
        return new Question(kind, clock.instant(), clock.instant(), held, List.of(authorizations));
    }

    private RejectionReason rejectionAfterTheWait(
            IssuanceRules rules, RequestKind kind, UserCertificates held, Authorization... authorizations) {
        Instant received = clock.instant().minusSeconds(10);
        Decision decision = rules.decide(new Question(kind, received, clock.instant(), held, List.of(authorizations)));
        assertThat(decision).isInstanceOf(Decision.Reject.class);
        return ((Decision.Reject) decision).reason();
    }

    private static UserCertificates holding(String serial, Instant notAfter) {
        return new UserCertificates(new HeldCertificate(serial, notAfter), null, null);
    }

    private static Authorization authorization(String id, Authorization.Kind kind, Instant at) {
        return new Authorization(id, kind, at, null);
    }
}

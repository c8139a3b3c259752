package io.inkan.notification.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.notification.expiry.ReminderPolicy.Certificate;
import io.inkan.notification.expiry.ReminderPolicy.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reminder rules on their own: no database, no Spring, a fixed clock. */
class ReminderPolicyTest {
    // 09:00 JST, as the seed bank's certificates expire
    private static final Instant NOT_AFTER = Instant.parse("2027-11-21T00:00:00Z");
    private static final Instant ISSUED = NOT_AFTER.minus(Duration.ofDays(365));

    private final Clock clock = Clock.fixed(ISSUED.plusSeconds(5), ZoneOffset.UTC);
    private final ReminderPolicy policy = new ReminderPolicy(NoticeOffset.parseAll(List.of("P40D,P10D")));
    private final Certificate certificate = new Certificate("a1", NOT_AFTER);

    private static Instant daysBefore(int days) {
        return NOT_AFTER.minus(Duration.ofDays(days));
    }

    @Test
    void aYearLongCertificateGetsOneReminderPerOffsetDueThatLongBeforeExpiry() {
        var plan = policy.onIssued(certificate, ISSUED, List.of(), clock.instant());

        assertThat(plan.replacesOthers()).isTrue();
        assertThat(plan.reminders())
                .extracting(r -> r.offset().iso() + " " + r.dueAt())
                .containsExactly("P40D " + daysBefore(40), "P10D " + daysBefore(10));
    }

    @Test
    void anOffsetAlreadyPastAtIssuanceIsNotScheduled() {
        Instant issuedAt = daysBefore(30); // a 30-day certificate
        var plan = policy.onIssued(certificate, issuedAt, List.of(), issuedAt.plusSeconds(1));

        assertThat(plan.reminders()).extracting(r -> r.offset().iso()).containsExactly("P10D");
    }

    @Test
    void aCertificateAlreadyExpiredWhenItsIssuanceIsHeardOfGetsNoneButStillReplacesOlderOnes() {
        var plan = policy.onIssued(certificate, ISSUED, List.of(), NOT_AFTER.plus(Duration.ofDays(2)));

        assertThat(plan.reminders()).isEmpty();
        assertThat(plan.replacesOthers()).isTrue();
    }

    @Test
    void aRenewalReplacesTheUsersOlderCertificate() {
        var renewal = new Certificate("b2", NOT_AFTER.plus(Duration.ofDays(365)));
        var plan = policy.onIssued(renewal, daysBefore(39), List.of(certificate), daysBefore(39));

        assertThat(plan.replacesOthers()).isTrue();
        assertThat(plan.reminders()).hasSize(2);
    }

    @Test
    void anOlderIssuanceHeardOfAfterANewerOneIsReplacedFromTheStart() {
        var newer = new Certificate("b2", NOT_AFTER.plus(Duration.ofDays(365)));
        var plan = policy.onIssued(certificate, ISSUED, List.of(newer), clock.instant());

        assertThat(plan.replacesOthers()).isFalse();
        assertThat(plan.reminders()).isEmpty();
    }

    @Test
    void theSameIssuanceHeardOfTwiceIsNotReplacedByItself() {
        var plan = policy.onIssued(certificate, ISSUED, List.of(certificate), clock.instant());

        assertThat(plan.replacesOthers()).isTrue();
        assertThat(plan.reminders()).hasSize(2);
    }

    @Test
    void aDueReminderGoes() {
        Instant now = daysBefore(40).plusSeconds(60);
        assertThat(policy.onDue(NOT_AFTER, daysBefore(40), List.of(daysBefore(40), daysBefore(10)), now))
                .isEqualTo(Verdict.SEND);
    }

    @Test
    void afterDowntimeADueReminderStillGoesLate() {
        Instant now = daysBefore(20); // down from before the 40-day mark until 20 days before expiry
        assertThat(policy.onDue(NOT_AFTER, daysBefore(40), List.of(daysBefore(40), daysBefore(10)), now))
                .isEqualTo(Verdict.SEND);
    }

    @Test
    void afterALongDowntimeOnlyTheReminderNearestExpiryGoesAndTheOthersAreSkipped() {
        Instant now = daysBefore(3);
        List<Instant> unsent = List.of(daysBefore(40), daysBefore(10));

        assertThat(policy.onDue(NOT_AFTER, daysBefore(40), unsent, now)).isEqualTo(Verdict.SKIP);
        assertThat(policy.onDue(NOT_AFTER, daysBefore(10), unsent, now)).isEqualTo(Verdict.SEND);
    }

    @Test
    void aReminderWhoseCertificateExpiredBeforeTheScanIsDropped() {
        assertThat(policy.onDue(NOT_AFTER, daysBefore(10), List.of(daysBefore(10)), NOT_AFTER))
                .isEqualTo(Verdict.DROP);
    }

    @Test
    void shortOffsetsForEndToEndTestsWork() {
        var quick = new ReminderPolicy(NoticeOffset.parseAll(List.of("PT2M", "PT1M")));
        Instant now = clock.instant();
        var plan = quick.onIssued(new Certificate("q1", now.plus(Duration.ofMinutes(3))), now, List.of(), now);

        assertThat(plan.reminders())
                .extracting(r -> Duration.between(now, r.dueAt()))
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2));
    }

    @Test
    void aMonthBeforeTheEndOfMarchIsTheEndOfFebruary() {
        var monthly = new ReminderPolicy(NoticeOffset.parseAll(List.of("P1M")));
        Instant notAfter = Instant.parse("2027-03-31T00:00:00Z");
        var plan = monthly.onIssued(
                new Certificate("m1", notAfter), notAfter.minus(Duration.ofDays(365)), List.of(), clock.instant());

        assertThat(plan.reminders())
                .extracting(ReminderPolicy.Reminder::dueAt)
                .containsExactly(Instant.parse("2027-02-28T00:00:00Z"));
    }
}

package io.inkan.notification.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpiryScheduleTest {
    // 09:00 JST, as the seed bank's certificates expire
    private static final Instant NOT_AFTER = Instant.parse("2027-11-21T00:00:00Z");
    private static final Instant ISSUED = NOT_AFTER.minus(Duration.ofDays(365));

    private final MutableClock clock = new MutableClock(ISSUED);
    private final ScheduleFixture f = new ScheduleFixture(clock, "P40D,P10D");

    ExpiryScheduleTest() {
        f.user("c1", "u1", "山田太郎", "taro@example.jp", "ja");
    }

    @Test
    void remindsFortyAndTenDaysBeforeExpiryOnceEach() {
        f.issued("c1", "u1", "a1", NOT_AFTER, null);

        assertThat(f.schedule.scan()).isZero();
        clock.set(NOT_AFTER.minus(Duration.ofDays(40)).minusSeconds(1));
        assertThat(f.schedule.scan()).isZero();

        clock.advance(Duration.ofSeconds(1));
        assertThat(f.schedule.scan()).isEqualTo(1);
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).containsExactly("a1 P40D");

        clock.set(NOT_AFTER.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(7)));
        assertThat(f.schedule.scan()).isEqualTo(1);
        clock.set(NOT_AFTER.minus(Duration.ofDays(1)));
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).containsExactly("a1 P40D", "a1 P10D");
        assertThat(f.mails()).hasSize(2).allSatisfy(mail -> {
            assertThat(mail.get("kind")).isEqualTo("EXPIRY_REMINDER");
            assertThat(mail.get("recipient")).isEqualTo("taro@example.jp");
            assertThat(mail.get("status")).isEqualTo("PENDING");
        });
    }

    @Test
    void theReminderSaysSerialExpiryInJstDaysLeftAndHowToRenewInJapanese() {
        f.issued("c1", "u1", "1f3a", NOT_AFTER, null);
        clock.set(NOT_AFTER.minus(Duration.ofDays(40)).plus(Duration.ofMinutes(5)));
        f.schedule.scan();

        var mail = f.mails().getFirst();
        assertThat((String) mail.get("subject")).contains("電子証明書の有効期限が近づいています").contains("1f3a");
        assertThat((String) mail.get("body"))
                .contains("山田太郎 様")
                .contains("シリアル番号：1f3a")
                .contains("2027年11月21日 09:00")
                .contains("残り40日")
                .contains("「電子証明書更新」")
                .contains("「電子証明書発行」")
                .contains("ログインID・ログインパスワード");
    }

    @Test
    void anEnglishSpeakingUserGetsTheReminderInEnglish() {
        f.user("c1", "u2", "Jane Doe", "jane@example.com", "en");
        f.issued("c1", "u2", "b2", NOT_AFTER, null);
        clock.set(NOT_AFTER.minus(Duration.ofDays(10)));
        f.schedule.scan();

        var mail = f.mails().getFirst();
        assertThat((String) mail.get("subject")).contains("expires soon").contains("b2");
        assertThat((String) mail.get("body"))
                .contains("Dear Jane Doe")
                .contains("21 November 2027, 09:00 JST")
                .contains("10 day(s) are left")
                .contains("login ID and password");
    }

    @Test
    void aRenewalCancelsTheOldCertificatesReminders() {
        f.issued("c1", "u1", "old", NOT_AFTER, null);
        clock.set(NOT_AFTER.minus(Duration.ofDays(39)));
        assertThat(f.schedule.scan()).isEqualTo(1); // the 40-day reminder made the user renew
        f.issued("c1", "u1", "new", NOT_AFTER.plus(Duration.ofDays(365)), "old");

        clock.set(NOT_AFTER.minus(Duration.ofDays(5)));
        assertThat(f.schedule.scan()).isZero();
        clock.set(NOT_AFTER.plus(Duration.ofDays(365 - 40)));
        assertThat(f.schedule.scan()).isEqualTo(1);
        assertThat(f.reminders()).containsExactly("old P40D", "new P40D");
    }

    @Test
    void anOlderIssuanceArrivingAfterANewerOneSchedulesNothing() {
        f.issued("c1", "u1", "new", NOT_AFTER.plus(Duration.ofDays(365)), "old");
        f.issued("c1", "u1", "old", NOT_AFTER, null);

        clock.set(NOT_AFTER.minus(Duration.ofDays(5)));
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).isEmpty();
    }

    @Test
    void aRevocationCancelsTheReminders() {
        f.issued("c1", "u1", "a1", NOT_AFTER, null);
        f.ended("a1");

        clock.set(NOT_AFTER.minus(Duration.ofDays(40)));
        assertThat(f.schedule.scan()).isZero();
        clock.set(NOT_AFTER.minus(Duration.ofDays(10)));
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).isEmpty();
        assertThat(f.mails()).isEmpty();
    }

    @Test
    void afterDowntimeADueReminderStillGoesOnceLate() {
        f.issued("c1", "u1", "a1", NOT_AFTER, null);
        // the service was down from before the 40-day mark until 20 days before expiry
        clock.set(NOT_AFTER.minus(Duration.ofDays(20)));
        assertThat(f.schedule.scan()).isEqualTo(1);
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).containsExactly("a1 P40D");
        assertThat((String) f.mails().getFirst().get("body")).contains("残り20日");
    }

    @Test
    void afterALongDowntimeOnlyTheNearestReminderGoes() {
        f.issued("c1", "u1", "a1", NOT_AFTER, null);
        clock.set(NOT_AFTER.minus(Duration.ofDays(3)));

        assertThat(f.schedule.scan()).isEqualTo(1);
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).containsExactly("a1 P10D");
        assertThat(f.mails()).hasSize(1);
    }

    @Test
    void catchUpOfManyCertificatesGoesInBatchesEachOnce() {
        for (int i = 0; i < 5; i++) {
            f.issued("c1", "u" + i, "s" + i, NOT_AFTER.plus(Duration.ofHours(i)), null);
        }
        clock.set(NOT_AFTER.minus(Duration.ofDays(30)));
        assertThat(f.schedule.scan()).isEqualTo(5); // batch size 2: three transactions
        assertThat(f.reminders()).containsExactlyInAnyOrder("s0 P40D", "s1 P40D", "s2 P40D", "s3 P40D", "s4 P40D");
    }

    @Test
    void nothingIsSentForACertificateThatExpiredBeforeTheScan() {
        f.issued("c1", "u1", "a1", NOT_AFTER, null);
        clock.set(NOT_AFTER.plus(Duration.ofDays(1)));
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.reminders()).isEmpty();
    }

    @Test
    void nothingIsScheduledForACertificateAlreadyExpiredWhenItsIssuanceArrives() {
        clock.set(NOT_AFTER.plus(Duration.ofDays(2)));
        f.issued("c1", "u1", "a1", NOT_AFTER, null);
        clock.advance(Duration.ofDays(1));
        assertThat(f.schedule.scan()).isZero();
        assertThat(f.jdbc.sql("SELECT COUNT(*) FROM expiry_reminder")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anOffsetAlreadyPastAtIssuanceIsSkippedNotSentAtOnce() {
        clock.set(NOT_AFTER.minus(Duration.ofDays(30))); // a 30-day certificate
        f.issued("c1", "u1", "short", NOT_AFTER, null);

        assertThat(f.schedule.scan()).isZero();
        clock.set(NOT_AFTER.minus(Duration.ofDays(10)));
        assertThat(f.schedule.scan()).isEqualTo(1);
        assertThat(f.reminders()).containsExactly("short P10D");
    }

    @Test
    void shortOffsetsForEndToEndTestsWork() {
        var quick = new ScheduleFixture(clock, "PT2M", "PT1M");
        quick.user("c1", "u1", "山田太郎", "taro@example.jp", "ja");
        quick.issued("c1", "u1", "q1", clock.instant().plus(Duration.ofMinutes(3)), null);

        clock.advance(Duration.ofSeconds(61));
        assertThat(quick.schedule.scan()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(60));
        assertThat(quick.schedule.scan()).isEqualTo(1);
        assertThat(quick.reminders()).containsExactly("q1 PT2M", "q1 PT1M");
        assertThat((String) quick.mails().getLast().get("body")).contains("本日、有効期限を迎えます");
    }

    @Test
    void aUserWithoutAnAddressIsRecordedAsFailedNotSilentlyDropped() {
        f.issued("c1", "nobody", "z9", NOT_AFTER, null);
        clock.set(NOT_AFTER.minus(Duration.ofDays(40)));
        assertThat(f.schedule.scan()).isEqualTo(1);

        assertThat(f.mails())
                .singleElement()
                .satisfies(mail -> assertThat(mail.get("status")).isEqualTo("FAILED"));
        assertThat(f.events).anySatisfy(e -> assertThat(e).isInstanceOf(io.inkan.events.NotificationFailed.class));
    }

    @Test
    void offsetsAcceptPeriodsAndDurations() {
        assertThat(NoticeOffset.parseAll(List.of("P40D, P10D", "PT2M")))
                .extracting(NoticeOffset::iso)
                .containsExactly("P40D", "P10D", "PT2M");
        assertThat(new NoticeOffset("P1M").dueFor(Instant.parse("2027-03-31T00:00:00Z")))
                .isEqualTo(Instant.parse("2027-02-28T00:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NoticeOffset("40 days"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReminderSaysFromWhenIssuanceServiceAllowsRenewalInJst() {
        f.user("c1", "u2", "Jane Doe", "jane@example.com", "en");
        // issuance-service's renewal window, whatever it is, travels in the event: here 40 days, at 09:00 JST
        Instant renewableFrom = NOT_AFTER.minus(Duration.ofDays(40));
        f.issued("c1", "u1", "r1", NOT_AFTER, null, renewableFrom);
        f.issued("c1", "u2", "r2", NOT_AFTER, null, renewableFrom);
        clock.set(NOT_AFTER.minus(Duration.ofDays(10)));
        assertThat(f.schedule.scan()).isEqualTo(2);

        assertThat(f.mails())
                .extracting(mail -> (String) mail.get("body"))
                .anySatisfy(body -> assertThat(body).contains("更新可能日時：2027年10月12日 09:00（日本時間）から"))
                .anySatisfy(body -> assertThat(body).contains("Renewable from: 12 October 2027, 09:00 JST"));
    }

    @Test
    void aReminderForAnIssuanceThatDidNotSayLeavesTheRenewalDateOut() {
        f.issued("c1", "u1", "o1", NOT_AFTER, null);
        clock.set(NOT_AFTER.minus(Duration.ofDays(10)));
        f.schedule.scan();

        assertThat((String) f.mails().getFirst().get("body"))
                .doesNotContain("更新可能日時")
                .contains("有効期限　　：2027年11月21日 09:00（日本時間）\n\n■更新方法");
    }
}

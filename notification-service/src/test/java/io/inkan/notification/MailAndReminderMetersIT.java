package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AccountLocked;
import io.inkan.events.CertificateIssued;
import io.inkan.events.Realm;
import io.inkan.events.RequestKind;
import io.inkan.events.UserRegistered;
import io.inkan.notification.expiry.ExpirySchedule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an operator's dashboard shows of mails and reminders, moved by what happens: a mail the SMTP server accepted,
 * one it could not take yet (retried), one with nobody to send it to (failed); reminders that came due wait for the
 * scan (due, and their lag grows) until the scan sends them (sent).
 */
class MailAndReminderMetersIT extends NotificationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;

    @Autowired
    ExpirySchedule schedule;

    @Autowired
    DataSource dataSource;

    @Test
    void aReminderThatCameDueWaitsWithItsLagUntilTheScanSendsIt() {
        String contract = unique("c");
        String user = unique("u");
        registered(contract, user, user + "@example.jp");
        Instant notAfter = Instant.parse("2031-05-20T00:00:00Z");
        CLOCK.set(notAfter.minus(Duration.ofDays(365)));
        double issuedMails = counter("inkan.mail.sent", "kind", "CERTIFICATE_ISSUED");
        publish(issued(contract, user, "9c" + user.toLowerCase(), notAfter));
        await().atMost(WAIT).until(() -> mailsTo(user + "@example.jp").size() == 1);
        await().atMost(WAIT).until(() -> counter("inkan.mail.sent", "kind", "CERTIFICATE_ISSUED") == issuedMails + 1);

        double sent = counter("inkan.reminders.sent");
        CLOCK.set(notAfter.minus(Duration.ofDays(40)).plus(Duration.ofMinutes(3)));
        assertThat(gauge("inkan.reminders.due")).isGreaterThanOrEqualTo(1);
        assertThat(gauge("inkan.reminder.lag"))
                .as("seconds since the oldest due reminder was due")
                .isGreaterThanOrEqualTo(180);

        int reminded = schedule.scan();

        assertThat(reminded).isPositive();
        assertThat(counter("inkan.reminders.sent")).isEqualTo(sent + reminded);
        CLOCK.advance(Duration.ofSeconds(5)); // the gauges count the table at most once per 5 s
        assertThat(gauge("inkan.reminders.due")).isZero();
        assertThat(gauge("inkan.reminder.lag")).isZero();
    }

    @Test
    void aMailTheServerCannotTakeYetIsRetriedAndOneWithNoAddressFailed() {
        String contract = unique("c");
        String user = unique("u");
        registered(contract, user, user + "@example.jp");
        double retried = counter("inkan.mail.retried");
        double sent = counter("inkan.mail.sent", "kind", "ACCOUNT_LOCKED");
        var jdbc = JdbcClient.create(dataSource);

        smtpDown();
        try {
            publish(new AccountLocked(Realm.USER, contract, user, 5, now()));
            await().atMost(WAIT)
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM outgoing_mail WHERE account_id = ?"
                                            + " AND status = 'PENDING' AND attempts >= 1 AND claim_token IS NULL")
                                    .param(user)
                                    .query(Long.class)
                                    .single()
                            == 1);
            assertThat(counter("inkan.mail.retried")).isGreaterThanOrEqualTo(retried + 1);
            CLOCK.advance(Duration.ofSeconds(5)); // the gauges count the table at most once per 5 s
            assertThat(gauge("inkan.mail.queued", "status", "PENDING")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("inkan.mail.oldest.pending.age"))
                    .as("seconds since the oldest pending mail was queued")
                    .isGreaterThanOrEqualTo(5);
        } finally {
            smtpUp();
        }
        CLOCK.advance(Duration.ofMinutes(2)); // past the first back-off
        await().atMost(WAIT).until(() -> counter("inkan.mail.sent", "kind", "ACCOUNT_LOCKED") >= sent + 1);

        double failed = counter("inkan.mail.failed", "kind", "ACCOUNT_LOCKED");
        String withoutAddress = unique("u");
        registered(contract, withoutAddress, null);
        publish(new AccountLocked(Realm.USER, contract, withoutAddress, 5, now()));
        await().atMost(WAIT).until(() -> counter("inkan.mail.failed", "kind", "ACCOUNT_LOCKED") == failed + 1);
    }

    @Test
    void aMailWaitingForItsRecipientIsCountedHeldUntilTheRegistrationArrives() {
        String contract = unique("c");
        String user = unique("u");
        Instant notAfter = Instant.parse("2031-05-20T00:00:00Z");
        var jdbc = JdbcClient.create(dataSource);
        CLOCK.advance(Duration.ofSeconds(5));
        double heldBefore = gauge("inkan.mail.queued", "status", "HELD");

        publish(issued(contract, user, "9d" + user.toLowerCase(), notAfter));
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM outgoing_mail WHERE account_id = ? AND status = 'HELD'")
                                .param(user)
                                .query(Long.class)
                                .single()
                        == 1);
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(gauge("inkan.mail.queued", "status", "HELD")).isEqualTo(heldBefore + 1);

        registered(contract, user, user + "@example.jp");
        await().atMost(WAIT).until(() -> mailsTo(user + "@example.jp").size() == 1);
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(gauge("inkan.mail.queued", "status", "HELD")).isEqualTo(heldBefore);
    }

    private void registered(String contract, String user, String address) {
        publish(new UserRegistered(contract, user, "山田太郎", address, "ja", null, "c2VhbGVk", "a1", now()));
        await().atMost(WAIT)
                .until(() -> JdbcClient.create(dataSource)
                                .sql("SELECT COUNT(*) FROM directory_entry WHERE account_id = ?")
                                .param(user)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    private static CertificateIssued issued(String contract, String user, String serial, Instant notAfter) {
        return new CertificateIssued(
                "req-" + serial,
                contract,
                user,
                RequestKind.NEW,
                serial,
                "CN=" + contract + user,
                "CN=Inkan Issuing CA",
                now(),
                notAfter,
                "ab".repeat(32),
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
                null,
                null,
                now());
    }

    private double counter(String name, String... tags) {
        return meters.get(name).tags(tags).counter().count();
    }

    private double gauge(String name, String... tags) {
        return meters.get(name).tags(tags).gauge().value();
    }
}

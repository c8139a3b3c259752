package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateIssued;
import io.inkan.events.RequestKind;
import io.inkan.events.UserRegistered;
import io.inkan.notification.expiry.ExpirySchedule;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reminder says from when the certificate may be renewed, as issuance-service decided it and said in
 * CertificateIssued (renewableFrom), in JST: events over the real broker, the mail through a real SMTP server.
 */
class ReminderMailIT extends NotificationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ExpirySchedule schedule;

    @Autowired
    DataSource dataSource;

    @Test
    void theReminderSaysFromWhenRenewalIsPossibleInJstInJapaneseAndEnglish() {
        String contract = unique("c");
        String ja = unique("u");
        String en = unique("u");
        publish(new UserRegistered(contract, ja, "山田太郎", ja + "@example.jp", "ja", null, "c2VhbGVk", "a1", now()));
        publish(new UserRegistered(contract, en, "Jane Doe", en + "@example.com", "en", null, "c2VhbGVk", "a1", now()));
        await().atMost(WAIT)
                .until(() -> JdbcClient.create(dataSource)
                                .sql("SELECT COUNT(*) FROM directory_entry WHERE contract_id = ?")
                                .param(contract)
                                .query(Long.class)
                                .single()
                        == 2);

        Instant notAfter = Instant.parse("2028-11-21T00:00:00Z"); // 09:00 JST
        // not notification-service's P40D: the date comes from the event, never from a renewal window of its own
        Instant renewableFrom = Instant.parse("2028-10-01T06:30:00Z"); // 15:30 JST
        CLOCK.set(notAfter.minus(Duration.ofDays(365)));
        publish(issued(contract, ja, "7a" + ja.toLowerCase(), notAfter, renewableFrom));
        publish(issued(contract, en, "7b" + en.toLowerCase(), notAfter, renewableFrom));
        awaitMails(ja + "@example.jp", 1);
        awaitMails(en + "@example.com", 1);

        CLOCK.set(notAfter.minus(Duration.ofDays(40)).plus(Duration.ofMinutes(1)));
        assertThat(schedule.scan()).isEqualTo(2);

        assertThat(body(awaitMails(ja + "@example.jp", 2).get(1)))
                .contains("有効期限　　：2028年11月21日 09:00（日本時間）")
                .contains("更新可能日時：2028年10月1日 15:30（日本時間）から");
        assertThat(body(awaitMails(en + "@example.com", 2).get(1)))
                .contains("Valid until:    21 November 2028, 09:00 JST")
                .contains("Renewable from: 1 October 2028, 15:30 JST");
    }

    private static CertificateIssued issued(
            String contract, String user, String serial, Instant notAfter, Instant renewableFrom) {
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
                now(),
                false,
                renewableFrom,
                null);
    }

    private static List<MimeMessage> awaitMails(String address, int count) {
        return await().atMost(WAIT).until(() -> mailsTo(address), mails -> mails.size() >= count);
    }
}

package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.UserRegistered;
import io.inkan.events.UserRemoved;
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
 * What the user finds in their mailbox after 失効 (why it happened, in their words and language), and what a user who
 * left the contract no longer finds there: reminders and other mails stop, those sent stay on record.
 */
class RevocationAndRemovalMailIT extends NotificationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ExpirySchedule schedule;

    @Autowired
    DataSource dataSource;

    @Test
    void theRevocationMailSaysWhyInTheCustomersWordsInJapaneseAndEnglish() {
        String contract = unique("c");
        String ja = unique("u");
        String en = unique("u");
        register(contract, ja, "山田太郎", "ja");
        register(contract, en, "Jane Doe", "en");
        Instant notAfter = now().plus(Duration.ofDays(365));
        publish(issued(contract, ja, "9a" + ja.toLowerCase(), notAfter));
        publish(issued(contract, en, "9b" + en.toLowerCase(), notAfter));
        awaitMails(ja + "@example.jp", 1);
        awaitMails(en + "@example.com", 1);

        publish(new CertificateRevoked("9a" + ja.toLowerCase(), contract, ja, RevocationReason.KEY_COMPROMISE, now()));
        publish(new CertificateRevoked(
                "9b" + en.toLowerCase(), contract, en, RevocationReason.AFFILIATION_CHANGED, now()));

        MimeMessage japanese = awaitMails(ja + "@example.jp", 2).get(1);
        assertThat(subject(japanese)).contains("電子証明書を失効しました");
        assertThat(body(japanese))
                .contains("失効の理由　：パソコンの紛失・盗難・故障、または電子証明書が他人に使われたおそれがあるため")
                .contains("「電子証明書発行」")
                .doesNotContain("keyCompromise");
        MimeMessage english = awaitMails(en + "@example.com", 2).get(1);
        assertThat(body(english))
                .contains("Why:           your department or duties changed")
                .contains("Ask your contract's administrator")
                .doesNotContain("affiliationChanged");
    }

    @Test
    void aUserWhoLeftGetsNoMoreRemindersNorAnyOtherMailAndWhatWasSentStays() {
        String contract = unique("c");
        String leaver = unique("u");
        String stayer = unique("u");
        register(contract, leaver, "退職 太郎", "ja");
        register(contract, stayer, "在籍 花子", "ja");
        Instant notAfter = Instant.parse("2029-06-01T00:00:00Z");
        CLOCK.set(notAfter.minus(Duration.ofDays(365)));
        publish(issued(contract, leaver, "8a" + leaver.toLowerCase(), notAfter));
        publish(issued(contract, stayer, "8b" + stayer.toLowerCase(), notAfter));
        awaitMails(leaver + "@example.jp", 1);
        awaitMails(stayer + "@example.jp", 1);
        CLOCK.set(notAfter.minus(Duration.ofDays(40)).plus(Duration.ofMinutes(1)));
        schedule.scan();
        awaitMails(leaver + "@example.jp", 2);
        awaitMails(stayer + "@example.jp", 2);

        publish(new UserRemoved(contract, leaver, "a1", now()));
        await().atMost(WAIT)
                .until(() -> jdbc().sql("SELECT COUNT(*) FROM directory_entry WHERE contract_id = ? AND account_id = ?"
                                        + " AND removed_at IS NOT NULL")
                                .params(contract, leaver)
                                .query(Long.class)
                                .single()
                        == 1);
        assertThat(unsentReminders(leaver)).isZero();

        // the certificate revoked because the user left; then a marker on the same key and topic, applied after it
        publish(new CertificateRevoked(
                "8a" + leaver.toLowerCase(), contract, leaver, RevocationReason.CESSATION_OF_OPERATION, now()));
        publish(issued(contract, leaver, "8c" + leaver.toLowerCase(), notAfter.plus(Duration.ofDays(1))));
        await().atMost(WAIT)
                .until(() -> jdbc().sql("SELECT COUNT(*) FROM expiry_certificate WHERE serial_number = ?")
                                .param("8c" + leaver.toLowerCase())
                                .query(Long.class)
                                .single()
                        == 1);

        CLOCK.set(notAfter.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(1)));
        schedule.scan();
        awaitMails(stayer + "@example.jp", 3); // the one who stayed gets the 10-day reminder
        assertThat(mailsTo(leaver + "@example.jp"))
                .as("mails to the user who left")
                .hasSize(2);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM outgoing_mail WHERE contract_id = ? AND account_id = ?")
                        .params(contract, leaver)
                        .query(Long.class)
                        .single())
                .as("what was sent before stays on record, nothing was queued after")
                .isEqualTo(2L);
    }

    private void register(String contract, String user, String name, String language) {
        String domain = "en".equals(language) ? "@example.com" : "@example.jp";
        publish(new UserRegistered(contract, user, name, user + domain, language, null, "c2VhbGVk", "a1", now()));
        await().atMost(WAIT)
                .until(() -> jdbc().sql("SELECT COUNT(*) FROM directory_entry WHERE contract_id = ? AND account_id = ?")
                                .params(contract, user)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    private long unsentReminders(String user) {
        return jdbc().sql("SELECT COUNT(*) FROM expiry_reminder WHERE user_id = ? AND sent_at IS NULL")
                .param(user)
                .query(Long.class)
                .single();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
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
                now(),
                false,
                notAfter.minus(Duration.ofDays(40)),
                null);
    }

    private static List<MimeMessage> awaitMails(String address, int count) {
        return await().atMost(WAIT).until(() -> mailsTo(address), mails -> mails.size() >= count);
    }
}

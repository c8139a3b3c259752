package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationCause;
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
    void aUserWhoLeftIsToldOnceThenGetsNoMoreRemindersNorAnyOtherMailAndWhatWasSentStays() {
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
        MimeMessage removal = awaitMails(leaver + "@example.jp", 3).get(2);
        assertThat(subject(removal)).contains("インターネットバンキングのご利用を終了しました");
        assertThat(body(removal)).contains("ご退職・ご異動などによるご利用の終了").contains("電子証明書はすべて失効し");

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
                .as("mails to the user who left: issuance, reminder, removal")
                .hasSize(3);
        assertThat(jdbc().sql("SELECT COUNT(*) FROM outgoing_mail WHERE contract_id = ? AND account_id = ?")
                        .params(contract, leaver)
                        .query(Long.class)
                        .single())
                .as("what was sent before stays on record, nothing was queued after")
                .isEqualTo(3L);
    }

    @Test
    void oneActOfRevocationIsMailedOnceAndARemovalsRevocationsNotAtAll() {
        String contract = unique("c");
        String reissued = unique("u");
        String leaver = unique("u");
        register(contract, reissued, "初期化 太郎", "ja");
        register(contract, leaver, "退職 花子", "ja");
        Instant notAfter = now().plus(Duration.ofDays(365));
        publish(issued(contract, reissued, "7a" + reissued.toLowerCase(), notAfter));
        publish(issued(contract, leaver, "7c" + leaver.toLowerCase(), notAfter));
        awaitMails(reissued + "@example.jp", 1);
        awaitMails(leaver + "@example.jp", 1);

        // A reissue revokes the current certificate and a renewal awaiting its first use, at one instant.
        Instant at = now();
        publish(new CertificateRevoked(
                "7a" + reissued.toLowerCase(),
                contract,
                reissued,
                RevocationReason.SUPERSEDED,
                at,
                RevocationCause.REISSUE));
        publish(new CertificateRevoked(
                "7b" + reissued.toLowerCase(),
                contract,
                reissued,
                RevocationReason.SUPERSEDED,
                at,
                RevocationCause.REISSUE));
        // then a marker on the same key and topic: the second revocation was applied before its mail
        publish(issued(contract, reissued, "7d" + reissued.toLowerCase(), notAfter.plus(Duration.ofDays(1))));
        List<MimeMessage> toReissued = awaitMails(reissued + "@example.jp", 3);
        assertThat(body(withSubject(toReissued, "電子証明書を失効しました")))
                .contains("再発行（初期化）を行いました")
                .contains("新しい電子証明書に切り替えるため")
                .contains("「電子証明書発行」ボタンをクリックし");
        assertThat(toReissued)
                .as("issuance, reissue, the marker's issuance")
                .filteredOn(m -> subject(m).contains("電子証明書を発行しました"))
                .hasSize(2);

        // The removal's revocation may be applied before the removal itself (two topics): it is not mailed.
        publish(new CertificateRevoked(
                "7c" + leaver.toLowerCase(),
                contract,
                leaver,
                RevocationReason.CESSATION_OF_OPERATION,
                at,
                RevocationCause.USER_REMOVAL));
        publish(issued(contract, leaver, "7e" + leaver.toLowerCase(), notAfter.plus(Duration.ofDays(1))));
        assertThat(awaitMails(leaver + "@example.jp", 2))
                .as("the marker after the revocation, and no revocation mail")
                .allMatch(m -> subject(m).contains("電子証明書を発行しました"));
        publish(new UserRemoved(contract, leaver, "a1", now()));
        List<MimeMessage> toLeaver = awaitMails(leaver + "@example.jp", 3);
        assertThat(body(withSubject(toLeaver, "ご利用を終了しました"))).contains("ご退職・ご異動などによるご利用の終了");
        assertThat(mailsTo(reissued + "@example.jp"))
                .as("one mail for the reissue")
                .hasSize(3);
    }

    private static MimeMessage withSubject(List<MimeMessage> mails, String words) {
        List<MimeMessage> matching =
                mails.stream().filter(m -> subject(m).contains(words)).toList();
        assertThat(matching).as("mails whose subject says %s", words).hasSize(1);
        return matching.getFirst();
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

package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.AccountLocked;
import io.inkan.events.AdministratorRegistered;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.Realm;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.UserContactChanged;
import io.inkan.events.UserRegistered;
import io.inkan.notification.expiry.ExpirySchedule;
import io.inkan.testsupport.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

class MailIT extends NotificationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    ExpirySchedule schedule;

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    private void registerUser(String contractId, String userId, String name, String email, String language) {
        publish(new UserRegistered(contractId, userId, name, email, language, null, "c2VhbGVk", "admin1", now()));
    }

    private CertificateIssued issue(String contractId, String userId, String serial, Instant notAfter) {
        var event = new CertificateIssued(
                "req-" + serial,
                contractId,
                userId,
                RequestKind.NEW,
                serial,
                "CN=" + contractId + userId,
                "CN=Inkan Issuing CA",
                now(),
                notAfter,
                "ab".repeat(32),
                "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
                null,
                null,
                now());
        publish(event);
        return event;
    }

    private List<MimeMessage> awaitMails(String address, int count) {
        return await().atMost(WAIT).until(() -> mailsTo(address), mails -> mails.size() >= count);
    }

    @Test
    void issuanceRemindersAndRevocationArriveOnceEachInJapanese() throws Exception {
        String contract = unique("c");
        String user = unique("u");
        String serial = "1f" + unique("").toLowerCase();
        String address = user + "@example.jp";
        Instant notAfter = Instant.parse("2027-11-21T00:00:00Z"); // 09:00 JST
        registerUser(contract, user, "山田太郎", address, "ja");
        // the directory must know the user before the certificate's mail is composed
        await().atMost(WAIT)
                .until(() -> JdbcClient.create(dataSource)
                                .sql("SELECT COUNT(*) FROM directory_entry WHERE account_id = ?")
                                .param(user)
                                .query(Long.class)
                                .single()
                        == 1);
        CLOCK.set(notAfter.minus(Duration.ofDays(365)));
        issue(contract, user, serial, notAfter);

        MimeMessage issued = awaitMails(address, 1).getFirst();
        assertThat(subject(issued)).contains("電子証明書を発行しました").contains(serial);
        assertThat(body(issued)).contains("山田太郎 様").contains("2027年11月21日 09:00");

        try (var probe = new TopicProbe(brokers, "inkan.notification.events")) {
            CLOCK.set(notAfter.minus(Duration.ofDays(40)).plus(Duration.ofMinutes(3)));
            assertThat(schedule.scan()).isEqualTo(1);
            assertThat(schedule.scan()).isZero();

            MimeMessage reminder = awaitMails(address, 2).get(1);
            assertThat(subject(reminder)).contains("電子証明書の有効期限が近づいています").contains(serial);
            assertThat(body(reminder))
                    .contains("シリアル番号：" + serial)
                    .contains("有効期限　　：2027年11月21日 09:00（日本時間）")
                    .contains("残り40日")
                    .contains("「電子証明書更新」")
                    .contains("「電子証明書発行」");
            assertThat(reminder.getContentType()).containsIgnoringCase("charset=UTF-8");

            probe.awaitEvent("io.inkan.ExpiryApproaching.v1", "\"noticeBefore\":\"P40D\"", WAIT);
            probe.awaitEvent("io.inkan.NotificationSent.v1", "EXPIRY_REMINDER", WAIT);
        }

        CLOCK.set(notAfter.minus(Duration.ofDays(10)));
        assertThat(schedule.scan()).isEqualTo(1);
        assertThat(body(awaitMails(address, 3).get(2))).contains("残り10日");

        CLOCK.advance(Duration.ofHours(2));
        publish(new CertificateRevoked(serial, contract, user, RevocationReason.KEY_COMPROMISE, now()));
        MimeMessage revoked = awaitMails(address, 4).get(3);
        assertThat(subject(revoked)).contains("電子証明書を失効しました").contains(serial);

        // nothing more for a revoked certificate, and nothing twice
        CLOCK.set(notAfter.minus(Duration.ofDays(1)));
        assertThat(schedule.scan()).isZero();
        Thread.sleep(1000); // a quiet period in which a duplicate would show up
        assertThat(mailsTo(address)).hasSize(4);

        mvc.perform(get("/api/v1/notifications")
                        .param("contractId", contract)
                        .param("userId", user)
                        .header("Authorization", "Bearer " + operatorToken()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(4))
                .andExpect(jsonPath("$[0].kind").value("CERTIFICATE_REVOKED"))
                .andExpect(jsonPath("$[0].status").value("SENT"))
                .andExpect(jsonPath("$[0].recipient").value(address))
                .andExpect(jsonPath("$[0].serialNumber").value(serial))
                .andExpect(jsonPath("$[3].kind").value("CERTIFICATE_ISSUED"));
        mvc.perform(get("/api/v1/notifications")
                        .param("contractId", contract)
                        .header("Authorization", "Bearer " + operatorToken()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
    }

    /**
     * admin-service's UserRegistered and issuance-service's CertificateIssued travel on different topics: after a
     * rebalance, or with a second instance, the issuance can be read first. Its mail used to be recorded failed at
     * once ("recipient not in the directory") and the customer never heard of the certificate issued for their ID.
     */
    @Test
    void anIssuanceReadBeforeTheUsersRegistrationIsMailedOnceTheRegistrationArrives() {
        String contract = unique("c");
        String user = unique("u");
        String serial = "2f" + unique("").toLowerCase();
        String address = user + "@example.jp";
        issue(contract, user, serial, now().plus(Duration.ofDays(365)));
        await().atMost(WAIT).until(() -> heldMailsOf(user) == 1);
        assertThat(mailsTo(address)).isEmpty();

        registerUser(contract, user, "佐藤花子", address, "ja");

        MimeMessage issued = awaitMails(address, 1).getFirst();
        assertThat(subject(issued)).contains("電子証明書を発行しました").contains(serial);
        assertThat(body(issued)).contains("佐藤花子 様"); // composed for the recipient the registration named
        assertThat(heldMailsOf(user)).isZero();
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> mailsTo(address).size() == 1);
    }

    @Test
    void aMailWhoseRecipientNeverArrivesFailsWhenItsWaitIsOver() {
        String contract = unique("c");
        String user = unique("u");
        String serial = "3f" + unique("").toLowerCase();
        try (var probe = new TopicProbe(brokers, "inkan.notification.events")) {
            issue(contract, user, serial, now().plus(Duration.ofDays(365)));
            await().atMost(WAIT).until(() -> heldMailsOf(user) == 1);

            CLOCK.set(now().plus(Duration.ofHours(24)).plusSeconds(1)); // inkan.notification.mail.recipient-wait

            probe.awaitEvent("io.inkan.NotificationFailed.v1", serial, WAIT);
            assertThat(JdbcClient.create(dataSource)
                            .sql("SELECT status, last_error FROM outgoing_mail WHERE account_id = ?")
                            .param(user)
                            .query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
                            .list())
                    .containsExactly("FAILED recipient not in the directory");
        }
    }

    private long heldMailsOf(String user) {
        return JdbcClient.create(dataSource)
                .sql("SELECT COUNT(*) FROM outgoing_mail WHERE account_id = ? AND status = 'HELD'")
                .param(user)
                .query(Long.class)
                .single();
    }

    @Test
    void operatorsCanWatchResentMailsFromTheStart() throws Exception {
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("inkan_mail_resent_total")));
    }

    @Test
    void englishUsersGetEnglishMailsAfterAContactChange() {
        String contract = unique("c");
        String user = unique("u");
        String address = user + "@example.com";
        registerUser(contract, user, "Jane Doe", user + "@old.example", "ja");
        publish(new UserContactChanged(contract, user, address, "en", now()));
        publish(new AccountLocked(Realm.USER, contract, user, 5, now()));

        MimeMessage locked = awaitMails(address, 1).getFirst();
        assertThat(subject(locked)).isEqualTo("[Inkan Bank] Your logon was locked");
        assertThat(body(locked)).contains("Dear Jane Doe").contains("After 5 failed logons");
    }

    @Test
    void whenSmtpIsDownTheMailWaitsAndArrivesOnceWhenItIsBack() {
        String contract = unique("c");
        String user = unique("u");
        String admin = unique("a");
        String address = user + "@example.jp";
        String adminAddress = admin + "@example.jp";
        registerUser(contract, user, "佐藤花子", address, "ja");
        publish(new AdministratorRegistered(contract, admin, "管理者一郎", adminAddress, "ja", "c2VhbGVk", now()));
        var jdbc = JdbcClient.create(dataSource);
        await().atMost(WAIT)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM directory_entry WHERE contract_id = ?")
                                .param(contract)
                                .query(Long.class)
                                .single()
                        == 2);

        smtpDown();
        try {
            publish(new AccountLocked(Realm.USER, contract, user, 5, now()));
            // both mails were tried and are waiting for their back-off
            await().atMost(WAIT)
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM outgoing_mail WHERE contract_id = ?"
                                            + " AND status = 'PENDING' AND attempts >= 1 AND claim_token IS NULL")
                                    .param(contract)
                                    .query(Long.class)
                                    .single()
                            == 2);
        } finally {
            smtpUp();
        }
        CLOCK.advance(Duration.ofMinutes(2)); // past the first back-off

        MimeMessage mail = awaitMails(address, 1).getFirst();
        assertThat(subject(mail)).isEqualTo("【Inkan銀行】ログインがロックされました");
        assertThat(body(mail)).contains("佐藤花子 様").contains("失敗が5回続いた");
        MimeMessage toAdmin = awaitMails(adminAddress, 1).getFirst();
        assertThat(subject(toAdmin)).contains(user);
        assertThat(body(toAdmin)).contains("管理者一郎 様");

        CLOCK.advance(Duration.ofMinutes(10)); // a resend would be due by now
        await().during(Duration.ofSeconds(1))
                .atMost(WAIT)
                .until(() -> mailsTo(address).size() == 1);
        assertThat(mailsTo(adminAddress)).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM outgoing_mail WHERE contract_id = ?")
                        .param(contract)
                        .query(String.class)
                        .list())
                .containsOnly("SENT");
    }
}

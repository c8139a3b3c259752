package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AdministratorRegistered;
import io.inkan.events.PasswordChanged;
import io.inkan.events.Realm;
import io.inkan.events.UserRegistered;
import io.inkan.testsupport.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Your password was changed" (docs/contract.md §7): in GreenMail, in the holder's language, saying whether the
 * holder or the administrator changed it, with neither a password nor a link in it.
 */
class PasswordChangedMailIT extends NotificationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private List<MimeMessage> awaitMails(String address, int count) {
        return await().atMost(WAIT).until(() -> mailsTo(address), mails -> mails.size() >= count);
    }

    @Test
    void aUserWhosePasswordWasChangedOrResetIsToldInJapanese() throws Exception {
        String contract = unique("c");
        String user = unique("u");
        String address = user + "@example.jp";
        publish(new UserRegistered(contract, user, "山田太郎", address, "ja", null, "c2VhbGVk", "admin1", now()));
        Instant changedAt = Instant.parse("2026-10-01T01:30:00Z"); // 10:30 JST

        publish(new PasswordChanged(Realm.USER, contract, user, PasswordChanged.ChangedBy.SELF, changedAt));
        MimeMessage self = awaitMails(address, 1).getFirst();

        assertThat(subject(self)).isEqualTo("【Inkan銀行】ログインパスワードが変更されました");
        assertThat(body(self))
                .contains("山田太郎 様")
                .contains("2026年10月1日 10:30（日本時間）")
                .contains("ご自身による変更")
                .doesNotContain("管理者が")
                .doesNotContain("http");

        publish(new PasswordChanged(Realm.USER, contract, user, PasswordChanged.ChangedBy.ADMINISTRATOR, changedAt));
        MimeMessage reset = awaitMails(address, 2).get(1);
        assertThat(body(reset)).contains("ログインパスワードを仮パスワードに再設定しました").doesNotContain("http");

        try (var probe = new TopicProbe(brokers, "inkan.notification.events")) {
            probe.awaitEvent("io.inkan.NotificationSent.v1", "PASSWORD_CHANGED", WAIT);
        }
    }

    @Test
    void anEnglishAdministratorIsToldInEnglish() {
        String contract = unique("c");
        String admin = unique("a");
        String address = admin + "@example.com";
        publish(new AdministratorRegistered(contract, admin, "Jane Doe", address, "en", "c2VhbGVk", now()));

        publish(new PasswordChanged(Realm.ADMIN, contract, admin, PasswordChanged.ChangedBy.SELF, now()));

        MimeMessage changed = awaitMails(address, 1).getFirst();
        assertThat(subject(changed)).isEqualTo("[Inkan Bank] Your logon password was changed");
        assertThat(body(changed)).contains("Dear Jane Doe").contains("If you changed it yourself");
    }
}

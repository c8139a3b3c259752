package io.inkan.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.Span;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mails as the customer reads them: what the configuration says (offsets, renewal window, help desk), why a
 * certificate was revoked and what to do next, through which channel a certificate was asked for, and never a link.
 */
class MailTemplatesTest {
    private static final HelpDesk HELP_DESK = new HelpDesk("法人ヘルプデスク", "Corporate Help Desk", "0120-555-321");
    private static final MailComposer COMPOSER = new MailComposer(HELP_DESK);
    private static final List<String> TEMPLATES = List.of(
            "expiry-reminder",
            "certificate-issued",
            "certificate-revoked",
            "user-removed",
            "password-changed",
            "password-reset",
            "account-locked",
            "account-locked-admin");

    // 2027-02-20T00:00Z is 09:00 in Japan.
    private static final Instant NOT_AFTER = Instant.parse("2027-02-20T00:00:00Z");
    private static final Instant RENEWABLE_FROM = Instant.parse("2027-01-11T00:00:00Z");

    private static Map<String, Object> everything() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("name", "山田 太郎");
        variables.put("accountId", "U001");
        variables.put("serialNumber", "5f3a9c1e7b2d48a6");
        variables.put("notBefore", Instant.parse("2026-02-20T00:00:00Z"));
        variables.put("notAfter", NOT_AFTER);
        variables.put("issuedAt", Instant.parse("2026-02-20T00:00:01Z"));
        variables.put("renewableFrom", RENEWABLE_FROM);
        variables.put("renewal", false);
        variables.put("channel", "PASSWORD_LOGON");
        variables.put("reminders", List.of(Span.valueOf("P40D"), Span.valueOf("P10D")));
        variables.put("hasReminders", true);
        variables.put("daysLeft", 40L);
        variables.put("offset", Span.valueOf("P40D"));
        variables.put("noticeBefore", "P40D");
        variables.put("revokedAt", Instant.parse("2026-03-01T01:00:00Z"));
        variables.put("reason", "keyCompromise");
        variables.put("cause", "REVOCATION_ORDER");
        variables.put("removedAt", Instant.parse("2026-03-01T01:00:00Z"));
        variables.put("changedAt", Instant.parse("2026-03-01T01:00:00Z"));
        variables.put("lockedAt", Instant.parse("2026-03-01T01:00:00Z"));
        variables.put("failedAttempts", 5);
        variables.put("lockedAccountId", "U001");
        return variables;
    }

    private static MailComposer.Composed compose(String template, String language, Map<String, Object> changes) {
        Map<String, Object> variables = everything();
        variables.putAll(changes);
        return COMPOSER.compose(template, language, variables);
    }

    @Test
    void noMailCarriesALinkAndEveryMailNamesTheHelpDeskByPhone() {
        Pattern link = Pattern.compile("(?i)https?://|www\\.");
        for (String template : TEMPLATES) {
            for (String language : List.of("ja", "en")) {
                MailComposer.Composed mail = compose(template, language, Map.of());
                assertThat(link.matcher(mail.subject() + mail.body()).find())
                        .as("%s/%s carries a link:%n%s", language, template, mail.body())
                        .isFalse();
                assertThat(mail.body())
                        .as("%s/%s", language, template)
                        .contains("0120-555-321")
                        .contains(language.equals("ja") ? "法人ヘルプデスク" : "Corporate Help Desk");
            }
        }
    }

    @Test
    void aHelpDeskThatIsALinkIsRefusedByTheConfiguration() {
        Pattern noLink = Pattern.compile(BankProperties.NO_LINK);
        assertThat(noLink.matcher("0120-555-321").matches()).isTrue();
        assertThat(noLink.matcher("ビジネスバンキングWebヘルプデスク").matches()).isTrue();
        assertThat(noLink.matcher("https://bank.example/help").matches()).isFalse();
        assertThat(noLink.matcher("see www.bank.example").matches()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "P40D, ja, 有効期限の40日前にお送りしています",
        "P10D, ja, 有効期限の10日前にお送りしています",
        "P1M,  ja, 有効期限の1か月前にお送りしています",
        "PT2M, ja, 有効期限の2分前にお送りしています",
        "P40D, en, This reminder is sent 40 days before it expires",
        "P1D,  en, This reminder is sent 1 day before it expires",
        "PT2M, en, This reminder is sent 2 minutes before it expires"
    })
    void aReminderStatesItsActualOffset(String offset, String language, String sentence) {
        MailComposer.Composed mail =
                compose("expiry-reminder", language, Map.of("offset", Span.valueOf(offset), "noticeBefore", offset));

        assertThat(mail.body()).contains(sentence).doesNotContain("40日前・10日前");
    }

    @Test
    void aJapaneseReminderGivesNotAfterAndRenewableFromInJstAndWarnsOfPhoneCalls() {
        MailComposer.Composed mail = compose("expiry-reminder", "ja", Map.of());

        assertThat(mail.subject()).isEqualTo("【Inkan銀行】電子証明書の有効期限が近づいています（シリアル番号 5f3a9c1e7b2d48a6）");
        assertThat(mail.body())
                .contains("有効期限　　：2027年2月20日 09:00（日本時間）")
                .contains("更新可能日時：2027年1月11日 09:00（日本時間）から")
                .contains("当行が、お電話やメールのリンクから電子証明書の更新をお願いすることは一切ありません。")
                .contains("「電子証明書の更新手続きが必要です」といったお電話");
    }

    @Test
    void anEnglishReminderGivesTheSameInEnglish() {
        MailComposer.Composed mail = compose("expiry-reminder", "en", Map.of());

        assertThat(mail.subject()).startsWith("[Inkan Bank] Your electronic certificate expires soon");
        assertThat(mail.body())
                .contains("Valid until:    20 February 2027, 09:00 JST")
                .contains("Renewable from: 11 January 2027, 09:00 JST")
                .contains("The bank never asks you to renew your certificate by phone or through a link in a mail.");
    }

    @Test
    void aReminderWithoutARenewalWindowLeavesThatLineOut() {
        Map<String, Object> variables = everything();
        variables.remove("renewableFrom");

        assertThat(COMPOSER.compose("expiry-reminder", "ja", variables).body()).doesNotContain("更新可能日時");
    }

    @ParameterizedTest
    @CsvSource({
        "PASSWORD_LOGON,    ja, 受付経路　　：ログインID・ログインパスワードによるお申込み",
        "CERTIFICATE_LOGON, ja, 受付経路　　：電子証明書でログインしたうえでの更新",
        "BANK_FRONT_END,    ja, 受付経路　　：当行インターネットバンキングのお申込み画面",
        "PASSWORD_LOGON,    en, Requested through: logon with your login ID and password",
        "CERTIFICATE_LOGON, en, Requested through: renewal after logging on with your current certificate",
        "BANK_FRONT_END,    en, Requested through: the bank's Internet Banking application pages"
    })
    void theIssuanceMailNamesTheChannel(String channel, String language, String line) {
        assertThat(compose("certificate-issued", language, Map.of("channel", channel))
                        .body())
                .contains(line);
    }

    @Test
    void theIssuanceMailSaysPlainlyWhatHappenedAndWhomToCall() {
        MailComposer.Composed ja = compose("certificate-issued", "ja", Map.of());
        MailComposer.Composed en = compose("certificate-issued", "en", Map.of());

        assertThat(ja.body())
                .contains("お客さまの利用者ID「U001」に、2026年2月20日 09:00（日本時間）電子証明書を発行しました。")
                .contains("有効期限の40日・10日前に、このアドレスへご案内をお送りします。")
                .contains("第三者がお客さまのIDで電子証明書を取得したおそれがあります。至急法人ヘルプデスク（電話 0120-555-321）までご連絡ください。")
                .doesNotContain("1年");
        assertThat(en.body())
                .contains("An electronic certificate was just issued for your user ID \"U001\"")
                .contains("We will remind you at this address 40 days and 10 days before it expires.")
                .contains("Please call the Corporate Help Desk (0120-555-321) at once.");
    }

    @Test
    void theIssuanceMailOfACertificateWithoutRemindersPromisesNone() {
        assertThat(compose("certificate-issued", "ja", Map.of("reminders", List.of(), "hasReminders", false))
                        .body())
                .doesNotContain("ご案内をお送りします");
    }

    @ParameterizedTest
    @CsvSource({
        "REVOCATION_ORDER, keyCompromise,        ja, パソコンの紛失・盗難・故障, ご契約先の管理者に電子証明書の発行手続きをご依頼のうえ",
        "REISSUE,          superseded,           ja, 新しい電子証明書に切り替えるため, 再発行（初期化）により、ログインID・ログインパスワードでログインできるようになりました",
        "REISSUE,          keyCompromise,        ja, パソコンの紛失・盗難・故障, 「電子証明書発行」ボタンをクリックし",
        "REVOCATION_ORDER, keyCompromise,        en, your PC was lost, Ask your contract's administrator to allow one",
        "REISSUE,          unspecified,          en, at the request of your contract's administrator, After the reissue you can log on with your login ID and password again"
    })
    void aRevocationMailSaysWhyAndWhatToDoNext(String cause, String reason, String language, String why, String next) {
        MailComposer.Composed mail = compose("certificate-revoked", language, Map.of("cause", cause, "reason", reason));

        assertThat(mail.body()).contains(why).contains(next);
    }

    @Test
    void theRemovalMailSaysTheUseEndedAndTheCertificatesAreRevoked() {
        assertThat(compose("user-removed", "ja", Map.of()).body())
                .contains("ご退職・ご異動などによるご利用の終了")
                .contains("電子証明書はすべて失効し");
        assertThat(compose("user-removed", "en", Map.of()).body())
                .contains("Every electronic certificate of this user ID is revoked");
    }

    @Test
    void aResetIsToldApartFromTheHoldersOwnChange() {
        assertThat(compose("password-changed", "ja", Map.of()).subject()).isEqualTo("【Inkan銀行】ログインパスワードが変更されました");
        assertThat(compose("password-reset", "ja", Map.of()).subject()).isEqualTo("【Inkan銀行】ログインパスワードが再設定されました");
        assertThat(compose("password-reset", "ja", Map.of()).body()).contains("仮パスワード");
        assertThat(compose("password-reset", "en", Map.of()).subject())
                .isEqualTo("[Inkan Bank] Your logon password was reset");
    }

    @ParameterizedTest
    @CsvSource({
        "P40D,    ja, 40日",
        "P1Y2M,   ja, 1年2か月",
        "PT1H30M, ja, 1時間30分",
        "PT30S,   ja, 30秒",
        "P40D,    en, 40 days",
        "P1M,     en, 1 month",
        "PT1H30M, en, 1 hour 30 minutes",
        "PT1M,    en, 1 minute"
    })
    void aLengthIsWordedInTheCustomersLanguage(String iso, String language, String words) {
        assertThat(SpanWords.of(Span.valueOf(iso), language)).isEqualTo(words);
    }
}

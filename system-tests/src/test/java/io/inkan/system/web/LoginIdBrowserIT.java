package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's bank (SELF_SERVICE, login ID): ログイン → 電子証明書発行 → 証明書取得認証 → 証明書発行確認 → 処理中 →
 * 発行完了, in a browser, to the saved {@code .p12}.
 */
class LoginIdBrowserIT extends BrowserScenarios {

    @Override
    protected Map<String, String> properties() {
        // a renewal window wider than a certificate's year: every certificate can be renewed at once, and the screens
        // must say 400日, not a fixed 40
        return Map.of("inkan.issuance.mode", "SELF_SERVICE", "inkan.certificate.renewal-window", "P400D");
    }

    @Test
    void aCustomerGetsTheirCertificateWithLoginIdAndPasswordAndSavesItAsAP12() throws Exception {
        String contractId = newContractId();
        String loginId = "yamada" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        bank.registerUser(
                bank.adminToken(contractId, "ADM01", "admin-pass-01"), contractId, "U001", loginId, "login-pass-01");
        String passphrase = "秘密のパスフレーズ 2026";

        try (Browser browser = browser("seed-000-login-id")) {
            browser.go("/");
            assertThat(browser.heading()).isEqualTo("ビジネスバンキング ログイン");
            browser.shot("logon");
            browser.click("lang-en"); // the English switch, and back
            assertThat(browser.heading()).isEqualTo("Business Banking logon");
            browser.shot("logon-english");
            browser.go("/?lang=ja");

            browser.click("issue-certificate");
            assertThat(browser.heading()).isEqualTo("証明書取得認証");
            browser.assertEveryFieldIsLabelled();
            browser.shot("certificate-logon");

            browser.type("loginId", loginId);
            browser.type("password", "wrong-password");
            browser.click("authenticate");
            assertThat(browser.text("error")).contains("IDまたはパスワード（暗証番号）が正しくありません");
            browser.shot("certificate-logon-wrong-password");

            browser.type("password", "login-pass-01");
            browser.click("authenticate");
            browser.await("step-confirm", PATIENCE);
            assertThat(browser.heading()).isEqualTo("証明書発行確認");
            browser.assertEveryFieldIsLabelled();
            browser.type("passphrase", passphrase);
            browser.type("passphrase-again", passphrase + "x");
            browser.click("issue");
            assertThat(browser.text("confirm-error")).contains("一致しません");
            browser.shot("issue-confirm-mismatch");
            browser.type("passphrase-again", passphrase);
            browser.shot("issue-confirm");

            browser.click("issue");
            browser.shot("processing");
            browser.await("step-done", PATIENCE);
            assertThat(browser.heading()).isEqualTo("発行完了");
            assertThat(browser.text("cert-cn")).isEqualTo(contractId + "U001");
            assertThat(browser.text("cert-o")).isEqualTo("Inkan Bank, Ltd.");
            assertThat(browser.text("cert-ou")).isEqualTo("Inkan Bank Internet Banking CA");
            assertThat(browser.text("cert-not-after")).endsWith("JST");
            browser.shot("issued");

            browser.click("download");
            Path p12 = browser.awaitDownload(".p12", PATIENCE);
            assertThat(p12.getFileName().toString()).isEqualTo(contractId + "U001.p12");
            X509Certificate certificate = assertInstallable(p12, passphrase);
            assertThat(browser.text("cert-serial")).isEqualTo(serial(certificate));
            assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=" + contractId + "U001");

            // the ID-and-password session did its one job: going back to the screens needs a new logon
            browser.click("close");
            assertThat(browser.heading()).isEqualTo("ビジネスバンキング ログイン");
            browser.go("/certificate/issue");
            assertThat(browser.heading()).isEqualTo("ビジネスバンキング ログイン");
        }
    }

    /**
     * Seed 000's renewal: 電子証明書でログイン with the certificate installed on the PC (presented to the front end in
     * TLS, passed on to auth-service as a trusted front end) → ログイン後のメニュー画面 with 「電子証明書更新」 →
     * 電子証明書更新確認 → 処理中 → 更新完了, to the saved {@code .p12}. Then, with a renewal issued and waiting for its
     * first use, a logon with the same certificate gets a menu without 「電子証明書更新」.
     */
    @Test
    void aCustomerLogsOnWithTheirCertificateRenewsItFromTheMenuAndSavesTheNewOne() throws Exception {
        assumeTrue(Browser.nssToolsInstalled() || System.getenv("CI") != null, "pk12util (libnss3-tools) missing");
        String contractId = newContractId();
        String loginId = "sato" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        bank.registerUser(
                bank.adminToken(contractId, "ADM01", "admin-pass-01"), contractId, "U002", loginId, "login-pass-02");
        Path installed = heldCertificate(loginId, "login-pass-02", "installed-2026");
        String firstSerial = serial(assertInstallable(installed, "installed-2026"));
        String passphrase = "更新後のパスフレーズ 2027";

        try (Browser pc = browserWithCertificate("seed-000-renewal", installed, "installed-2026")) {
            pc.go("/");
            pc.shot("logon");
            pc.click("certificate-signon");
            assertThat(pc.url()).startsWith("https://");
            assertThat(pc.heading()).isEqualTo("電子証明書でログイン");
            // the browser presented the installed certificate in the TLS handshake, without a dialog
            assertThat(pc.text("presented-serial")).isEqualTo(firstSerial);
            assertThat(pc.text("presented-cn")).isEqualTo(contractId + "U002");
            pc.assertEveryFieldIsLabelled();
            pc.shot("certificate-signon");

            pc.type("password", "wrong-password");
            pc.click("signon");
            assertThat(pc.text("error")).contains("電子証明書またはログインパスワードが正しくありません");
            pc.shot("certificate-signon-wrong-password");

            pc.type("password", "login-pass-02");
            pc.click("signon");
            assertThat(pc.heading()).isEqualTo("メニュー");
            assertThat(pc.text("menu-serial")).isEqualTo(firstSerial);
            assertThat(pc.text("renew")).isEqualTo("電子証明書更新");
            pc.shot("menu-renewal-available");

            // the session is bound to the certificate: its cookie over plain HTTP, without it, opens no menu
            pc.open(webUrl() + "/menu");
            assertThat(pc.heading()).isEqualTo("ビジネスバンキング ログイン");
            pc.open(tlsOrigin() + "/menu");
            assertThat(pc.heading()).isEqualTo("メニュー");

            pc.click("renew");
            pc.await("step-confirm", PATIENCE);
            assertThat(pc.heading()).isEqualTo("電子証明書更新確認");
            pc.assertEveryFieldIsLabelled();
            pc.type("passphrase", passphrase);
            pc.type("passphrase-again", passphrase);
            pc.shot("renewal-confirm");
            pc.click("issue");
            pc.shot("processing");
            pc.await("step-done", PATIENCE);
            assertThat(pc.heading()).isEqualTo("更新完了");
            assertThat(pc.text("cert-cn")).isEqualTo(contractId + "U002");
            // the wording follows inkan.certificate.renewal-window (P400D here), not a fixed 40 days
            assertThat(pc.find("step-done").getText()).contains("有効期限の400日前から");
            pc.shot("renewed");

            pc.click("download");
            Path renewed = pc.awaitDownload(".p12", PATIENCE);
            X509Certificate certificate = assertInstallable(renewed, passphrase);
            assertThat(serial(certificate)).isNotEqualTo(firstSerial);
            assertThat(pc.text("cert-serial")).isEqualTo(serial(certificate));

            pc.click("close");
            assertThat(pc.heading()).isEqualTo("メニュー");
            assertThat(pc.text("renewed")).contains("電子証明書を更新しました");
            assertThat(pc.has("renew")).isFalse();
            assertThat(pc.has("renew-not-yet")).isFalse();
            pc.shot("menu-after-renewal");

            // a new logon with the old certificate: auth-service says no renewal is available (one is issued and
            // waits for its first use), and the menu does not offer 「電子証明書更新」
            pc.click("logoff");
            assertThat(pc.heading()).isEqualTo("ビジネスバンキング ログイン");
            pc.click("certificate-signon");
            pc.type("password", "login-pass-02");
            pc.click("signon");
            assertThat(pc.heading()).isEqualTo("メニュー");
            assertThat(pc.text("menu-serial")).isEqualTo(firstSerial);
            assertThat(pc.has("renew")).isFalse();
            assertThat(pc.text("renew-under-way")).contains("更新した電子証明書");
            pc.shot("menu-no-renewal");
        }
    }
}

package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

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
        return Map.of("inkan.issuance.mode", "SELF_SERVICE");
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
}

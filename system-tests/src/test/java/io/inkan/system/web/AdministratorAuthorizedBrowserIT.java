package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Seed 003's bank (ADMIN_AUTHORIZED, contract ID and user ID): the administrator authorizes on the users screen, the
 * user gets the certificate through 利用者電子証明書取得 → 実行 → 取得完了, the administrator reissues it (初期化) and
 * the user gets a new one; all in a browser, to the saved {@code .p12}.
 */
class AdministratorAuthorizedBrowserIT extends BrowserScenarios {

    @Override
    protected Map<String, String> properties() {
        // a request that finds no authorization is turned down after 3 s rather than 10
        return Map.of("inkan.issuance.mode", "ADMIN_AUTHORIZED", "inkan.issuance.pending-timeout", "PT3S");
    }

    @Test
    void theAdministratorAuthorizesTheUserAcquiresTheAdministratorReissuesTheUserAcquiresAgain() throws Exception {
        String contractId = newContractId();
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        bank.registerUser(
                bank.adminToken(contractId, "ADM01", "admin-pass-01"), contractId, "U001", null, "user-pin-01");

        try (Browser user = browser("seed-003-user");
                Browser admin = browser("seed-003-administrator")) {
            // before the administrator's 発行: the user is told, in their words, that it is not authorized yet
            acquire(user, contractId, "user-pin-01", "before-authorization");
            user.await("step-error", PATIENCE);
            assertThat(user.text("issue-error")).contains("管理者による電子証明書の発行手続きが完了していません");
            user.shot("not-authorized-yet");

            admin.go("/");
            admin.click("admin-logon");
            admin.assertEveryFieldIsLabelled();
            admin.type("contractId", contractId);
            admin.type("adminId", "ADM01");
            admin.type("password", "admin-pass-01");
            admin.shot("logon");
            admin.click("logon");
            assertThat(admin.heading()).isEqualTo("利用者一覧");
            assertThat(admin.text("status-U001")).isEqualTo("未発行");
            admin.shot("users");
            admin.click("authorize-U001");
            assertThat(admin.text("done")).contains("U001 の電子証明書の発行を受け付けました");
            admin.shot("authorized");

            X509Certificate first = acquireAndSave(user, contractId, "user-pin-01", "first");
            awaitText(admin, "user-U001", serial(first));
            assertThat(admin.text("status-U001")).isEqualTo("有効");
            admin.shot("users-active");

            // the PC broke: 再発行（初期化）
            admin.find("reissue-reason-U001")
                    .findElement(By.cssSelector("option[value=superseded]"))
                    .click();
            admin.click("reissue-U001");
            assertThat(admin.text("done")).contains("U001 の電子証明書の再発行（初期化）を受け付けました");
            admin.shot("reissued");

            user.forgetDownloads();
            X509Certificate second = acquireAndSave(user, contractId, "user-pin-01", "second");
            assertThat(serial(second)).isNotEqualTo(serial(first));
            assertThat(bank.awaitCertificateStatus(serial(first), "REVOKED")).isEqualTo("REVOKED");
            awaitText(admin, "user-U001", serial(second));
            assertThat(admin.text("status-U001")).isEqualTo("有効");
            admin.shot("users-after-reissue");

            admin.click("nav-audit");
            assertThat(admin.heading()).isEqualTo("操作履歴");
            assertThat(admin.text("audit")).contains("U001");
            admin.shot("audit");
        }
    }

    @Test
    void aLockedUserIsToldSoAndTheAdministratorUnlocksThem() {
        String contractId = newContractId();
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        bank.registerUser(
                bank.adminToken(contractId, "ADM01", "admin-pass-01"), contractId, "U002", null, "user-pin-02");

        try (Browser user = browser("seed-003-locked");
                Browser admin = browser("seed-003-unlock")) {
            user.go("/certificate/acquire");
            for (int attempt = 1; attempt <= 5; attempt++) {
                user.type("contractId", contractId);
                user.type("userId", "U002");
                user.type("password", "wrong-pin-" + attempt);
                user.click("acquire");
                if (attempt < 5) { // the fifth wrong PIN locks the account; it may already say so
                    assertThat(user.text("error")).contains("正しくありません");
                }
            }
            user.shot("wrong-pin");
            user.type("contractId", contractId);
            user.type("userId", "U002");
            user.type("password", "user-pin-02");
            user.click("acquire");
            assertThat(user.text("error")).contains("ロック");
            user.shot("locked");

            admin.go("/admin/logon");
            admin.type("contractId", contractId);
            admin.type("adminId", "ADM01");
            admin.type("password", "admin-pass-01");
            admin.click("logon");
            awaitText(admin, "user-U002", "ロック中");
            admin.shot("users-locked");
            admin.click("unlock-U002");
            assertThat(admin.text("done")).contains("U002 のロック解除を受け付けました");
            admin.shot("unlocked");

            // once auth-service has applied the unlock, the right PIN is accepted again
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            do {
                user.go("/certificate/acquire");
                user.type("contractId", contractId);
                user.type("userId", "U002");
                user.type("password", "user-pin-02");
                user.click("acquire");
            } while (!user.heading().equals("電子証明書の取得") && System.nanoTime() < deadline);
            assertThat(user.heading()).isEqualTo("電子証明書の取得");
            user.shot("accepted-after-unlock");
        }
    }

    /** 利用者電子証明書取得 → 取得 → 実行: up to the 処理中 screen. */
    private static void acquire(Browser user, String contractId, String pin, String round) {
        user.go("/");
        user.click("acquire-certificate");
        assertThat(user.heading()).isEqualTo("利用者電子証明書取得");
        user.assertEveryFieldIsLabelled();
        user.type("contractId", contractId);
        user.type("userId", "U001");
        user.type("password", pin);
        user.shot(round + "-acquire");
        user.click("acquire");
        user.await("step-confirm", PATIENCE);
        assertThat(user.heading()).isEqualTo("電子証明書の取得");
        user.type("passphrase", "pass-" + round + "-2026");
        user.type("passphrase-again", "pass-" + round + "-2026");
        user.shot(round + "-run");
        user.click("issue");
        user.shot(round + "-processing");
    }

    private X509Certificate acquireAndSave(Browser user, String contractId, String pin, String round) throws Exception {
        acquire(user, contractId, pin, round);
        user.await("step-done", PATIENCE);
        assertThat(user.heading()).isEqualTo("電子証明書の取得完了");
        assertThat(user.text("cert-cn")).isEqualTo(contractId + "U001");
        user.shot(round + "-done");
        user.click("download");
        Path p12 = user.awaitDownload(".p12", PATIENCE);
        X509Certificate certificate = assertInstallable(p12, "pass-" + round + "-2026");
        assertThat(user.text("cert-serial")).isEqualTo(serial(certificate));
        return certificate;
    }

    /** Reloads the users screen until the element shows that text (the list follows the events). */
    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void awaitText(Browser admin, String id, String text) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            admin.go("/admin/users");
            if (admin.text(id).contains(text) || System.nanoTime() > deadline) {
                break;
            }
            admin.await(id, Duration.ofSeconds(1));
            pause(); // the list follows the events: look again shortly
        }
        assertThat(admin.text(id)).contains(text);
    }
}

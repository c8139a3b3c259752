package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.frontend.Credentials;
import io.inkan.frontend.InkanFrontend;
import io.inkan.frontend.Outcome;
import io.inkan.system.stack.Bank;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.Infrastructure.ReceivedMail;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The mails as they arrive in the SMTP server (GreenMail), under shortened periods: a certificate valid three
 * minutes, renewable in its last two, reminded two minutes and one minute before it expires. Every mail follows the
 * configuration (the real offset, notAfter and renewable-from in JST, the bank's help desk), says through which
 * channel a certificate was asked for and why one was revoked, comes in the user's language, and carries no link:
 * renewal is the pretext of today's phishing calls ("電子証明書の更新手続きが必要です"), so every reminder says the
 * bank never asks for one by phone or mail link.
 */
interface MailWordingScenarios extends RunningInkan {
    String HELP_DESK = "インカン法人ヘルプデスク";
    String HELP_DESK_EN = "Inkan Corporate Help Desk";
    String HELP_DESK_PHONE = "0120-314-159";
    Pattern LINK = Pattern.compile("(?i)https?://|www\\.");
    ZoneId JST = ZoneId.of("Asia/Tokyo");
    DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日 HH:mm", Locale.JAPAN);
    DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'JST'", Locale.ENGLISH);
    Duration RENEWAL_WINDOW = Duration.ofMinutes(2);
    String NEVER_BY_PHONE_JA = "当行が、お電話やメールのリンクから電子証明書の更新をお願いすることは一切ありません。";
    String NEVER_BY_PHONE_EN =
            "The bank never asks you to renew your certificate by phone or through a link in a mail.";

    /**
     * What the deployment adds to the everyday operations' periods ({@link EverydayOperationsScenarios#PROPERTIES}):
     * the bank's help desk, which every mail names.
     */
    Map<String, String> PROPERTIES = Map.of(
            "inkan.notification.bank.help-desk", HELP_DESK,
            "inkan.notification.bank.help-desk-en", HELP_DESK_EN,
            "inkan.notification.bank.help-desk-phone", HELP_DESK_PHONE);

    /** A contract with its administrator logged on. */
    record Contract(String id, String adminToken) {}

    private Contract contract() {
        String contractId = SystemScenarios.newContractId();
        bank().registerContract(operatorToken(), contractId, "ADM01", "admin-pass-01");
        return new Contract(contractId, bank().adminToken(contractId, "ADM01", "admin-pass-01"));
    }

    /** The operator's token; a logon that finds the password checks busy (503 BUSY) is tried again. */
    private String operatorToken() {
        return bank().operatorToken();
    }

    /** Registers a user whose mails are in {@code language}, with a login ID. */
    private void register(Contract contract, String userId, String password, String language, String loginId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("name", "利用者 " + userId);
        body.put("email", Bank.email(contract.id(), userId));
        body.put("language", language);
        if (loginId != null) {
            body.put("loginId", loginId);
        }
        body.put("initialPassword", password);
        Http.Response response = Http.postJson(bank().users(contract.id()), body, contract.adminToken());
        assertThat(response.status()).as("register user: %s", response).isEqualTo(201);
    }

    record Held(KeyPair key, JsonNode certificate) {
        String pem() {
            return certificate.path("pem").asString();
        }

        String serial() {
            return certificate.path("serialNumber").asString();
        }

        Instant notAfter() {
            return Instant.parse(certificate.path("notAfter").asString());
        }
    }

    private Held obtainWithPassword(Contract contract, String userId, String password) {
        KeyPair key = Csrs.p256();
        String csr = Csrs.csrPem(key);
        return new Held(
                key, bank().issued(() -> bank().requestWithIdAndPassword(contract.id(), userId, password, csr)));
    }

    /** The user's mails so far, each checked for links: none may carry one. */
    private List<ReceivedMail> mailsTo(Contract contract, String userId) {
        List<ReceivedMail> mails = system().infrastructure().mails().stream()
                .filter(m -> m.to().contains(Bank.email(contract.id(), userId)))
                .toList();
        for (ReceivedMail mail : mails) {
            assertThat(LINK.matcher(mail.subject() + "\n" + mail.body()).find())
                    .as("a link in the mail to %s:%n%s%n%s", userId, mail.subject(), mail.body())
                    .isFalse();
        }
        return mails;
    }

    /** Waits for the one mail to the user whose subject says {@code words}, and returns it. */
    private ReceivedMail awaitMail(Contract contract, String userId, String words) {
        await().atMost(Bank.PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> withSubject(contract, userId, words).size() >= 1);
        List<ReceivedMail> mails = withSubject(contract, userId, words);
        assertThat(mails).as("mails to %s saying %s", userId, words).hasSize(1);
        return mails.getFirst();
    }

    private List<ReceivedMail> withSubject(Contract contract, String userId, String words) {
        return mailsTo(contract, userId).stream()
                .filter(m -> m.subject().contains(words))
                .toList();
    }

    @Scenario
    default void remindersStateTheirOffsetNotAfterAndRenewableFromAndThatTheBankNeverAsksByPhone() throws Exception {
        Contract contract = contract();
        register(contract, "U001", "7101", "ja", null);
        register(contract, "U002", "7202", "en", null);
        Held japanese = obtainWithPassword(contract, "U001", "7101");
        Held english = obtainWithPassword(contract, "U002", "7202");

        ReceivedMail issuedJa = awaitMail(contract, "U001", "電子証明書を発行しました");
        assertThat(issuedJa.subject()).contains(japanese.serial());
        assertThat(issuedJa.body())
                .contains("お客さまの利用者ID「U001」に")
                .contains("受付経路　　：ログインID・ログインパスワードによるお申込み")
                .contains("有効期限の2分・1分前に、このアドレスへご案内をお送りします。")
                .contains("更新可能日時：" + ja(japanese.notAfter().minus(RENEWAL_WINDOW)) + "（日本時間）から")
                .contains("至急" + HELP_DESK + "（電話 " + HELP_DESK_PHONE + "）までご連絡ください。")
                .doesNotContain("40日");
        ReceivedMail issuedEn = awaitMail(contract, "U002", "Your electronic certificate was issued");
        assertThat(issuedEn.body())
                .contains("An electronic certificate was just issued for your user ID \"U002\"")
                .contains("Requested through: logon with your login ID and password")
                .contains("We will remind you at this address 2 minutes and 1 minute before it expires.")
                .contains("Please call the " + HELP_DESK_EN + " (" + HELP_DESK_PHONE + ") at once.");

        Instant last = japanese.notAfter().isAfter(english.notAfter()) ? japanese.notAfter() : english.notAfter();
        waitUntil(last.minus(Duration.ofMinutes(1)).plusSeconds(15));
        await().atMost(Bank.PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> withSubject(contract, "U001", "有効期限が近づいています").size() == 2
                        && withSubject(contract, "U002", "expires soon").size() == 2);

        List<ReceivedMail> remindersJa = withSubject(contract, "U001", "有効期限が近づいています");
        assertThat(remindersJa)
                .anyMatch(m -> m.body().contains("このご案内は、有効期限の2分前にお送りしています。"))
                .anyMatch(m -> m.body().contains("このご案内は、有効期限の1分前にお送りしています。"));
        for (ReceivedMail reminder : remindersJa) {
            assertThat(reminder.subject()).contains(japanese.serial());
            assertThat(reminder.body())
                    .contains("有効期限　　：" + ja(japanese.notAfter()) + "（日本時間）")
                    .contains("更新可能日時：" + ja(japanese.notAfter().minus(RENEWAL_WINDOW)) + "（日本時間）から")
                    .contains(NEVER_BY_PHONE_JA)
                    .contains("「電子証明書の更新手続きが必要です」といったお電話")
                    .contains(HELP_DESK + "（電話 " + HELP_DESK_PHONE + "）")
                    .doesNotContain("40日前", "10日前");
        }
        List<ReceivedMail> remindersEn = withSubject(contract, "U002", "expires soon");
        assertThat(remindersEn)
                .anyMatch(m -> m.body().contains("This reminder is sent 2 minutes before it expires."))
                .anyMatch(m -> m.body().contains("This reminder is sent 1 minute before it expires."));
        for (ReceivedMail reminder : remindersEn) {
            assertThat(reminder.subject()).startsWith("[Inkan Bank]").contains(english.serial());
            assertThat(reminder.body())
                    .contains("Valid until:    " + en(english.notAfter()))
                    .contains("Renewable from: " + en(english.notAfter().minus(RENEWAL_WINDOW)))
                    .contains(NEVER_BY_PHONE_EN)
                    .contains(HELP_DESK_EN + " (" + HELP_DESK_PHONE + ")")
                    .doesNotContain("電子証明書の有効期限");
        }
    }

    @Scenario
    default void aRenewalOverMutualTlsAndARequestThroughTheFrontEndNameTheirChannel() throws Exception {
        Contract contract = contract();
        String loginId = "mail" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        register(contract, "U001", "8101", "ja", null);
        register(contract, "U002", "front-pass-02", "en", loginId);

        Held first = obtainWithPassword(contract, "U001", "8101");
        awaitMail(contract, "U001", "電子証明書を発行しました");
        String session = certificateSession(first, "8101");
        waitUntil(first.notAfter().minus(RENEWAL_WINDOW).plusSeconds(2));
        KeyPair renewedKey = Csrs.p256();
        String renewalCsr = Csrs.csrPem(renewedKey);
        Held renewed = new Held(renewedKey, bank().issued(() -> bank().requestFromSession(session, renewalCsr)));
        await().atMost(Bank.PATIENCE)
                .until(() -> withSubject(contract, "U001", "電子証明書を発行しました").size() == 2);
        ReceivedMail renewal = withSubject(contract, "U001", renewed.serial()).stream()
                .filter(m -> m.subject().contains("電子証明書を発行しました"))
                .findFirst()
                .orElseThrow();
        assertThat(renewal.body())
                .contains("電子証明書の更新を受け付け、新しい電子証明書に切り替えました。")
                .contains("受付経路　　：電子証明書でログインしたうえでの更新（メニュー画面の「電子証明書更新」）")
                .contains(HELP_DESK_PHONE);

        bank().awaitToken(Map.of("realm", "user", "loginId", loginId, "password", "front-pass-02"));
        try (InkanFrontend frontend = InkanFrontend.builder()
                .bootstrapServers(system().bootstrapServers())
                .authUrl(system().authUrl())
                .timeout(Duration.ofSeconds(60))
                .build()) {
            Outcome issued = frontend.submit(
                            Credentials.ofLoginId(loginId, "front-pass-02".toCharArray()), Csrs.csrPem(Csrs.p256()))
                    .get(90, TimeUnit.SECONDS);
            assertThat(issued).isInstanceOf(Outcome.Issued.class);
        }
        ReceivedMail viaFrontEnd = awaitMail(contract, "U002", "Your electronic certificate was issued");
        assertThat(viaFrontEnd.body())
                .contains("Requested through: the bank's Internet Banking application pages (the bank's web front end)")
                .contains("If you did not ask for this certificate, someone else may have obtained one with your ID.")
                .contains(HELP_DESK_PHONE);
    }

    @Scenario
    default void aRevocationMailSaysWhyAndWhatToDoNextOncePerAct() {
        Contract contract = contract();
        register(contract, "LOST", "9101", "ja", null);
        register(contract, "RESET", "9202", "ja", null);
        register(contract, "LEFT", "9303", "ja", null);
        Held lost = obtainWithPassword(contract, "LOST", "9101");
        Held reset = obtainWithPassword(contract, "RESET", "9202");
        Held left = obtainWithPassword(contract, "LEFT", "9303");
        for (String user : List.of("LOST", "RESET", "LEFT")) {
            awaitMail(contract, user, "電子証明書を発行しました");
        }

        // A lost PC: 失効 through the revocation route.
        assertThat(bank().revokeCertificates(contract.adminToken(), contract.id(), "LOST", "keyCompromise")
                        .status())
                .isEqualTo(202);
        ReceivedMail lostMail = awaitMail(contract, "LOST", "電子証明書を失効しました");
        assertThat(lostMail.subject()).contains(lost.serial());
        assertThat(lostMail.body())
                .contains("ご契約先の管理者または当行が、お客さまの電子証明書の失効手続きを行いました。")
                .contains("失効の理由　：パソコンの紛失・盗難・故障、または電子証明書が他人に使われたおそれがあるため")
                .contains("ご契約先の管理者に電子証明書の発行手続きをご依頼のうえ")
                .contains(HELP_DESK + "（電話 " + HELP_DESK_PHONE + "）");

        // 初期化 with the reason superseded: it is mailed (it is no renewal), once, and the new issuance is mailed too.
        assertThat(bank().reissue(contract.adminToken(), contract.id(), "RESET", "superseded")
                        .status())
                .isEqualTo(202);
        ReceivedMail resetMail = awaitMail(contract, "RESET", "電子証明書を失効しました");
        assertThat(resetMail.subject()).contains(reset.serial());
        assertThat(resetMail.body())
                .contains("ご契約先の管理者が、お客さまの電子証明書の再発行（初期化）を行いました。")
                .contains("失効の理由　：新しい電子証明書に切り替えるため")
                .contains("ログイン画面の「電子証明書発行」ボタンをクリックし、ログインID・ログインパスワードを入力して取得してください。");
        bank().awaitToken(Map.of("realm", "user", "contractId", contract.id(), "userId", "RESET", "password", "9202"));
        Held again = obtainWithPassword(contract, "RESET", "9202");
        await().atMost(Bank.PATIENCE)
                .until(() -> withSubject(contract, "RESET", again.serial()).size() == 1);
        assertThat(withSubject(contract, "RESET", "電子証明書を失効しました"))
                .as("the reissue is told once")
                .hasSize(1);

        // The user leaves: one mail that says so, not a revocation mail besides.
        assertThat(bank().removeUser(contract.adminToken(), contract.id(), "LEFT")
                        .status())
                .isEqualTo(202);
        ReceivedMail leftMail = awaitMail(contract, "LEFT", "インターネットバンキングのご利用を終了しました");
        assertThat(leftMail.body())
                .contains("お客さまの利用者ID「LEFT」をご契約から削除しました（ご退職・ご異動などによるご利用の終了）")
                .contains("この利用者IDの電子証明書はすべて失効し、このIDではログインできません。");
        bank().awaitCertificateStatus(left.serial(), "REVOKED");
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(20))
                .until(() -> withSubject(contract, "LEFT", "電子証明書を失効しました").isEmpty());
        assertThat(mailsTo(contract, "LEFT")).as("issuance and removal").hasSize(2);
    }

    @Scenario
    default void passwordChangesAndResetsAreMailedInEachUsersLanguageWithoutThePassword() {
        Contract contract = contract();
        register(contract, "P001", "6101", "ja", null);
        register(contract, "P002", "6202", "en", null);
        String changes = system().authUrl() + "/api/v1/password-changes";
        Map<String, String> chosen = Map.of("P001", "Keyaki-Pass-61", "P002", "Maple-Pass-62");
        Map<String, String> initial = Map.of("P001", "6101", "P002", "6202");
        for (String user : List.of("P001", "P002")) {
            String session = bank().awaitToken(Map.of(
                    "realm", "user", "contractId", contract.id(), "userId", user, "password", initial.get(user)));
            // a change that finds the password checks busy (503 BUSY) changed nothing and is tried again
            await().atMost(Bank.PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Http.postJson(
                                            changes,
                                            Map.of(
                                                    "currentPassword",
                                                    initial.get(user),
                                                    "newPassword",
                                                    chosen.get(user)),
                                            session)
                                    .status()
                            == 204);
        }
        ReceivedMail changedJa = awaitMail(contract, "P001", "ログインパスワードが変更されました");
        assertThat(changedJa.body()).contains("お客さまご自身による変更であれば").contains(HELP_DESK_PHONE);
        ReceivedMail changedEn = awaitMail(contract, "P002", "Your logon password was changed");
        assertThat(changedEn.body()).contains("If you changed it yourself").contains(HELP_DESK_EN);

        Map<String, String> temporary = new LinkedHashMap<>();
        for (String user : List.of("P001", "P002")) {
            temporary.put(user, "Temp-" + UUID.randomUUID().toString().substring(0, 8));
            assertThat(Http.postJson(
                                    bank().users(contract.id()) + "/" + user + "/password-reset",
                                    Map.of("temporaryPassword", temporary.get(user)),
                                    contract.adminToken())
                            .status())
                    .isEqualTo(202);
        }
        ReceivedMail resetJa = awaitMail(contract, "P001", "ログインパスワードが再設定されました");
        assertThat(resetJa.body())
                .contains("ご契約先の管理者がお客さま（ID「P001」）のログインパスワードを仮パスワードに再設定しました。")
                .contains(HELP_DESK + "（電話 " + HELP_DESK_PHONE + "）");
        ReceivedMail resetEn = awaitMail(contract, "P002", "Your logon password was reset");
        assertThat(resetEn.body()).contains("your contract's administrator reset the logon password");
        for (String user : List.of("P001", "P002")) {
            assertThat(mailsTo(contract, user))
                    .noneMatch(
                            m -> m.body().contains(chosen.get(user)) || m.body().contains(temporary.get(user)));
        }
    }

    /**
     * Certificate logon over mutual TLS once auth-service knows the certificate. On this loaded machine a connection
     * to the TLS port may time out: that is tried again, within the same patience.
     */
    private String certificateSession(Held held, String password) {
        java.util.concurrent.atomic.AtomicReference<Http.Response> last =
                new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Bank.PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> {
                    last.set(bank().certificateLogon(held.key().getPrivate(), held.pem(), password));
                    return last.get().status() == 200;
                });
        return last.get().json().path("accessToken").asString();
    }

    private static String ja(Instant instant) {
        return JA.format(instant.atZone(JST));
    }

    private static String en(Instant instant) {
        return EN.format(instant.atZone(JST));
    }

    private static void waitUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // the periods are shortened by configuration; this waits for them to pass
        }
    }
}

package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.Topics;
import io.inkan.system.stack.Bank;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.Infrastructure.ReceivedMail;
import io.inkan.system.stack.RelyingParty.Status;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The administrator's and the bank's everyday work after issuance, in the style the scenario class deploys: 失効
 * (revocation), a user leaving the contract, password changes and resets, the lists of certificates expiring soon,
 * and the renewal notice a user session's answer carries. A year is shortened to three minutes, the renewal window
 * to its last two. Everything goes through the public APIs and topics; mails are read from the SMTP server.
 *
 * <p>Written as an interface so that the scenario class of each style composes these with its own scenarios on one
 * deployment ({@link #PROPERTIES} and the style's mode).
 */
interface EverydayOperationsScenarios extends RunningInkan {
    Duration RENEWAL_WINDOW = Duration.ofMinutes(2);
    Duration LAST_REMINDER = Duration.ofMinutes(1);
    List<Integer> LIKE_AN_UNKNOWN_ID = List.of(401, 423);

    enum Style {
        ADMIN_AUTHORIZED,
        SELF_SERVICE
    }

    Style style();

    /**
     * The deployment's periods, besides {@code inkan.issuance.mode}: a certificate valid three minutes, renewable in
     * its last two, reminded two minutes and one minute before it expires.
     */
    Map<String, String> PROPERTIES = Map.of(
            "inkan.certificate.validity", "PT3M",
            "inkan.certificate.renewal-window", "PT2M",
            "inkan.certificate.post-expiry-grace", "PT10M",
            "inkan.notification.expiry-notices", "PT2M,PT1M",
            "inkan.notification.scan-interval", "PT5S",
            "inkan.issuance.pending-timeout", "PT10S");

    // ---- 失効 -----------------------------------------------------------------------------------------------

    @Scenario
    default void theAdministratorAndTheBankRevokeAUsersCertificateAndTheUserLogsOnWithIdAndPasswordAgain()
            throws Exception {
        Contract contract = contract();
        User byAdministrator = user(contract, "U001", "2468");
        User byOperator = user(contract, "U002", "1357");
        Held first = obtain(contract, byAdministrator);
        Held second = obtain(contract, byOperator);
        assertThat(certificateLogon(first).status()).isEqualTo(200);

        assertThat(revoke(contract.adminToken(), contract, byAdministrator, "affiliationChanged")
                        .status())
                .isEqualTo(202);
        assertThat(revoke(bank().operatorToken(), contract, byOperator, "keyCompromise")
                        .status())
                .isEqualTo(202);

        assertRevoked(first, "affiliationChanged");
        assertRevoked(second, "keyCompromise");
        assertThat(certificateLogon(first).status())
                .as("certificate logon over mutual TLS with a revoked certificate")
                .isEqualTo(401);
        assertThat(certificateLogon(second).status()).isEqualTo(401);
        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            assertThat(userInList(contract, "U001").path("certificateStatus").asString())
                    .isEqualTo("REVOKED");
            assertThat(userInList(contract, "U002").path("certificateStatus").asString())
                    .isEqualTo("REVOKED");
        });

        // ID and password open a session again; it describes no certificate, for there is none usable.
        Http.Response again = awaitPasswordLogon(byAdministrator, byAdministrator.password());
        assertThat(again.json().has("certificate"))
                .as("no certificate block without a usable certificate: %s", again)
                .isFalse();

        awaitMail(
                byAdministrator.email(),
                m -> m.subject().contains(first.serial()) && m.subject().contains("失効"));
        awaitMail(
                byOperator.email(),
                m -> m.subject().contains(second.serial()) && m.subject().contains("失効"));

        JsonNode trail = trail(contract);
        assertThat(trail)
                .as("the trail names who revoked")
                .anyMatch(entry("RevokeCertificates", "ADM01", "user:U001"))
                .anyMatch(entry("RevokeCertificates", Bank.OPERATOR_ID, "user:U002"));

        // Nothing new was authorized by the revocation: in ADMIN_AUTHORIZED a new certificate takes a new
        // authorization; in SELF_SERVICE the user simply asks again.
        if (style() == Style.ADMIN_AUTHORIZED) {
            JsonNode refused = bank().obtain(() -> request(byAdministrator, Csrs.csrPem(Csrs.p256())));
            assertThat(refused.path("status").asString()).isEqualTo("REJECTED");
            assertThat(refused.path("reason").asString()).isEqualTo("NOT_AUTHORIZED");
        }
        Held next = obtain(contract, byAdministrator);
        assertThat(next.serial()).isNotEqualTo(first.serial());
        relyingParty().assertChainsToTheCa(next.pem());
        assertThat(relyingParty().ocsp(next.pem())).isEqualTo(Status.GOOD);
        assertThat(certificateLogon(next).status()).isEqualTo(200);
    }

    @Scenario
    default void aRevocationOfAUserWithoutACertificateIsAcceptedAndVoidsTheAuthorizationNobodyUsed() {
        Contract contract = contract();
        User user = user(contract, "U001", "8080");
        if (style() == Style.ADMIN_AUTHORIZED) {
            assertThat(bank().authorizeIssuance(contract.adminToken(), contract.id(), "U001")
                            .status())
                    .isEqualTo(202);
            await().atMost(Bank.PATIENCE)
                    .until(() -> "AUTHORIZED"
                            .equals(userInList(contract, "U001")
                                    .path("certificateStatus")
                                    .asString()));
        }
        assertThat(revoke(bank().operatorToken(), contract, user, "unspecified").status())
                .isEqualTo(202);
        assertThat(revoke(contract.adminToken(), contract, user, "no-such-reason")
                        .status())
                .isEqualTo(400);
        assertThat(trail(contract)).anyMatch(entry("RevokeCertificates", Bank.OPERATOR_ID, "user:U001"));

        if (style() == Style.ADMIN_AUTHORIZED) {
            // The authorization that was outstanding is void: the user's request finds none.
            await().atMost(Bank.PATIENCE)
                    .until(() -> !"AUTHORIZED"
                            .equals(userInList(contract, "U001")
                                    .path("certificateStatus")
                                    .asString()));
            JsonNode refused = bank().obtain(() -> request(user, Csrs.csrPem(Csrs.p256())));
            assertThat(refused.path("status").asString()).isEqualTo("REJECTED");
            assertThat(refused.path("reason").asString()).isEqualTo("NOT_AUTHORIZED");
        } else {
            JsonNode issued = bank().issued(() -> request(user, Csrs.csrPem(Csrs.p256())));
            assertThat(issued.path("serialNumber").asString()).isNotBlank();
        }
    }

    // ---- a user leaves --------------------------------------------------------------------------------------

    @Scenario
    default void aUserWhoLeavesCannotLogOnGetsNoMoreMailAndTheirIdIsNeverReused() throws Exception {
        Contract contract = contract();
        User leaver = user(contract, "U001", "4321");
        Held held = obtain(contract, leaver);
        awaitMail(leaver.email(), m -> m.subject().contains(held.serial())); // the issuance mail

        Http.Response removed = Http.delete(bank().users(contract.id()) + "/U001", contract.adminToken());
        assertThat(removed.status()).as("removal: %s", removed).isEqualTo(202);
        assertThat(removed.json().path("status").asString()).isEqualTo("ACCEPTED");

        assertRevoked(held, "cessationOfOperation");
        assertThat(certificateLogon(held).status()).isEqualTo(401);
        // Like an unknown ID: refused 401, and after as many failures as lock a known one, 423 (each attempt here
        // counts, the right password included, for the ID is unknown now).
        await().during(Duration.ofSeconds(3))
                .atMost(Bank.PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> LIKE_AN_UNKNOWN_ID.contains(
                        passwordLogon(leaver, leaver.password()).status()));
        assertThat(passwordLogon(leaver, "not-the-password").status()).isIn(LIKE_AN_UNKNOWN_ID);
        assertThat(Bank.unlessBusy(() -> request(leaver, Csrs.csrPem(Csrs.p256())))
                        .status())
                .isIn(LIKE_AN_UNKNOWN_ID);

        Http.Response again = Http.delete(bank().users(contract.id()) + "/U001", contract.adminToken());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("status").asString()).isEqualTo("ALREADY_DELETED");
        Http.Response unlock = bank().unlockUser(contract.adminToken(), contract.id(), "U001");
        assertThat(unlock.status()).isEqualTo(409);
        assertThat(unlock.json().path("code").asString()).isEqualTo("USER_DELETED");
        Http.Response reused = Http.postJson(
                bank().users(contract.id()),
                Map.of(
                        "userId",
                        "U001",
                        "name",
                        "別人",
                        "email",
                        "someone-else@" + contract.id().toLowerCase() + ".example.jp",
                        "initialPassword",
                        "9999"),
                contract.adminToken());
        assertThat(reused.status()).isEqualTo(409);
        assertThat(reused.json().path("code").asString()).isEqualTo("USER_ID_RETIRED");

        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            JsonNode listed = userInList(contract, "U001");
            assertThat(listed.path("deleted").asBoolean()).as("%s", listed).isTrue();
            assertThat(listed.path("deletedAt").asString()).isNotBlank();
            assertThat(listed.path("certificateStatus").asString()).isEqualTo("REVOKED");
        });
        assertThat(trail(contract))
                .anyMatch(entry("RegisterUser", "ADM01", "user:U001"))
                .anyMatch(entry("RemoveUser", "ADM01", "user:U001"));

        // No mail of any kind after leaving: not the revocation, not the reminders that were due.
        int mailsWhenRemoved = mailsTo(leaver.email()).size();
        waitUntil(held.notAfter().minus(LAST_REMINDER).plusSeconds(20));
        assertThat(mailsTo(leaver.email()))
                .as("mails to the user who left")
                .hasSize(mailsWhenRemoved)
                .noneMatch(m -> m.subject().contains("失効"));
        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.NOTIFICATION)) {
            assertThat(probe.drain(Duration.ofSeconds(3)))
                    .filteredOn(r -> "io.inkan.ExpiryApproaching.v1".equals(TopicProbe.header(r, "ce_type")))
                    .noneMatch(r -> TopicProbe.value(r).contains(held.serial()));
        }
    }

    // ---- passwords ------------------------------------------------------------------------------------------

    /**
     * パスワード変更 for a user and an administrator, and the administrator's reset of a locked user: the rules are
     * named only to someone who proved the current password; every change ends the sessions before it, is mailed to
     * the holder without the password, and is in the trail with who did it.
     */
    @Scenario
    default void usersAndAdministratorsChangeTheirPasswordsAndTheAdministratorResetsALockedUser() throws Exception {
        Contract contract = contract();
        User user = user(contract, "USER0001", "2357");
        String session =
                awaitPasswordLogon(user, "2357").json().path("accessToken").asString();

        Http.Response wrongCurrent = changePassword(session, "0000", "x");
        assertThat(wrongCurrent.status()).isEqualTo(401);
        assertThat(wrongCurrent.json().path("code").asString())
                .as("a wrong current password says nothing about the new one")
                .doesNotStartWith("PASSWORD_");
        assertRule(session, "2357", "x1", "PASSWORD_TOO_SHORT");
        assertRule(session, "2357", user.logonId().toUpperCase(), "PASSWORD_SAME_AS_ID");
        String chosen = "Keyaki-Pass-" + contract.id();
        assertThat(changePassword(session, "2357", chosen).status()).isEqualTo(204);
        assertThat(changePassword(session, chosen, "Other-Pass-1").status())
                .as("the session that made the change has ended")
                .isEqualTo(401);
        assertThat(passwordLogon(user, "2357").status()).isEqualTo(401);
        waitUntil(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)); // iat counts whole seconds
        String fresh =
                awaitPasswordLogon(user, chosen).json().path("accessToken").asString();
        assertRule(fresh, chosen, chosen, "PASSWORD_UNCHANGED");

        // Locked out, shown as locked to the administrator, and reset with a temporary password.
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(passwordLogon(user, "wrong-" + attempt).status()).isEqualTo(401);
        }
        assertThat(passwordLogon(user, chosen).status()).isEqualTo(423);
        await().atMost(Bank.PATIENCE)
                .until(() -> userInList(contract, user.userId()).path("locked").asBoolean());
        String temporary = "Kari-" + contract.id() + "-x";
        assertThat(Http.postJson(
                                bank().users(contract.id()) + "/" + user.userId() + "/password-reset",
                                Map.of("temporaryPassword", temporary),
                                contract.adminToken())
                        .status())
                .isEqualTo(202);
        awaitPasswordLogon(user, temporary);
        await().atMost(Bank.PATIENCE)
                .until(() -> !userInList(contract, user.userId()).path("locked").asBoolean());

        // The administrator changes their own password and logs on with the new one at once, as told to; the
        // session from before ends at admin-service when the change arrives there, the new one goes on.
        Http.Response adminChange = changePassword(contract.adminToken(), "admin-pass-01", "Admin-Pass-02");
        assertThat(adminChange.status())
                .as("administrator's change: %s", adminChange)
                .isEqualTo(204);
        waitUntil(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        String admin = bank().adminToken(contract.id(), "ADM01", "Admin-Pass-02");
        await().atMost(Bank.PATIENCE)
                .until(() ->
                        bank().listUsers(contract.adminToken(), contract.id()).status() == 401);
        assertThat(bank().listUsers(admin, contract.id()).status())
                .as("the session opened with the new password")
                .isEqualTo(200);

        // One mail for the user's change and one for the reset; one for the administrator's change.
        await().atMost(Bank.PATIENCE)
                .untilAsserted(() -> assertThat(mailsTo(user.email()))
                        .filteredOn(m -> m.subject().contains("パスワード"))
                        .hasSize(2));
        awaitMail(Bank.email(contract.id(), "ADM01"), m -> m.subject().contains("パスワード"));
        assertThat(system().infrastructure().mails())
                .noneMatch(m -> m.body().contains(chosen)
                        || m.body().contains(temporary)
                        || m.body().contains("Admin-Pass-02"));

        await().atMost(Bank.PATIENCE)
                .untilAsserted(() -> assertThat(trail(contract.id(), admin))
                        .anyMatch(entry("PasswordChanged", user.userId(), null))
                        .anyMatch(entry("ResetPassword", "ADM01", "user:" + user.userId()))
                        .anyMatch(e -> "PasswordChanged".equals(e.path("action").asString())
                                && e.path("detail").asString().contains("ADMINISTRATOR"))
                        .anyMatch(e -> "PasswordChanged".equals(e.path("action").asString())
                                && "ADM01".equals(e.path("actor").path("id").asString())));
    }

    /**
     * A bank operator changes their own password under the same rules; the bank's trail records it. It is the bank's
     * second operator ({@link Bank#SECOND_OPERATOR_ID}), whom no other scenario logs on as: the scenarios on the same
     * deployment go on with the first one meanwhile. The password is put back, so the trail holds two changes.
     */
    @Scenario
    default void aBankOperatorChangesTheirPassword() throws Exception {
        Map<String, Object> old = Map.of(
                "realm", "operator", "operatorId", Bank.SECOND_OPERATOR_ID, "password", Bank.SECOND_OPERATOR_PASSWORD);
        String session = bank().awaitToken(old);
        String changed = "Operator-Pass-" + SystemScenarios.newContractId();
        assertThat(changePassword(session, Bank.SECOND_OPERATOR_PASSWORD, Bank.SECOND_OPERATOR_ID)
                        .json()
                        .path("code")
                        .asString())
                .isEqualTo("PASSWORD_SAME_AS_ID");
        assertThat(changePassword(session, Bank.SECOND_OPERATOR_PASSWORD, changed)
                        .status())
                .isEqualTo(204);
        assertThat(Bank.unlessBusy(() -> bank().logon(old)).status()).isEqualTo(401);
        waitUntil(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)); // iat counts whole seconds
        String renewed = bank().awaitToken(
                        Map.of("realm", "operator", "operatorId", Bank.SECOND_OPERATOR_ID, "password", changed));
        assertThat(changePassword(renewed, changed, Bank.SECOND_OPERATOR_PASSWORD)
                        .status())
                .isEqualTo(204);
        waitUntil(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            Http.Response bankTrail = Http.get(system().adminUrl() + "/api/v1/audit?size=100", bank().operatorToken());
            assertThat(bankTrail.status()).as("bank trail: %s", bankTrail).isEqualTo(200);
            assertThat(bankTrail.json().path("entries"))
                    .filteredOn(entry("PasswordChanged", Bank.SECOND_OPERATOR_ID, null))
                    .hasSizeGreaterThanOrEqualTo(2);
        });
    }

    // ---- expiring soon, and the renewal notice ----------------------------------------------------------------

    @Scenario
    default void theListsOfExpiringCertificatesAndTheRenewalNoticeFollowTheRenewalWindow() throws Exception {
        Contract contract = contract();
        User first = user(contract, "U001", "1111");
        User second = user(contract, "U002", "2222");
        User without = user(contract, "U003", "3333");
        Held earlier = obtain(contract, first);
        Held later = obtain(contract, second);

        // The token answer's certificate block: the window is not open yet.
        JsonNode standing = certificateLogon(earlier).json().path("certificate");
        assertThat(standing.path("serialNumber").asString()).isEqualTo(earlier.serial());
        assertThat(Instant.parse(standing.path("notAfter").asString())).isEqualTo(earlier.notAfter());
        Instant renewableFrom = Instant.parse(standing.path("renewableFrom").asString());
        assertThat(renewableFrom).isEqualTo(earlier.notAfter().minus(RENEWAL_WINDOW));
        assertThat(standing.path("renewalAvailable").asBoolean()).isFalse();
        Http.Response none = awaitPasswordLogon(without, without.password());
        assertThat(none.json().has("certificate"))
                .as("no usable certificate: %s", none)
                .isFalse();

        // The administrator's list: this contract's usable certificates, soonest first.
        String mine = system().adminUrl() + "/api/v1/contracts/" + contract.id() + "/certificates";
        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            JsonNode items = Http.get(mine + "?expiringWithin=P40D", contract.adminToken())
                    .json()
                    .path("items");
            assertThat(serials(items)).containsExactly(earlier.serial(), later.serial());
            assertThat(items.get(0).path("userId").asString()).isEqualTo("U001");
            assertThat(items.get(0).path("renewalWaiting").asBoolean()).isFalse();
        });
        assertThat(Http.get(mine + "?expiringWithin=P40D", bank().operatorToken())
                        .status())
                .isEqualTo(200);
        Http.Response badPeriod = Http.get(mine + "?expiringWithin=soon", contract.adminToken());
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(badPeriod.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        Contract other = contract();
        assertThat(Http.get(mine + "?expiringWithin=P40D", other.adminToken()).status())
                .as("an administrator of another contract")
                .isEqualTo(403);
        String everyContract = system().adminUrl() + "/api/v1/certificates?expiringWithin=P40D";
        assertThat(Http.get(everyContract, contract.adminToken()).status()).isEqualTo(403);

        // The bank's list across contracts, in pages, soonest first.
        JsonNode all =
                Http.get(everyContract + "&size=500", bank().operatorToken()).json();
        assertThat(serials(all.path("items"))).contains(earlier.serial(), later.serial());
        assertThat(notAfters(all.path("items"))).isSorted();
        JsonNode page0 = Http.get(everyContract + "&size=1&page=0", bank().operatorToken())
                .json();
        JsonNode page1 = Http.get(everyContract + "&size=1&page=1", bank().operatorToken())
                .json();
        assertThat(page0.path("size").asInt()).isEqualTo(1);
        assertThat(page1.path("page").asInt()).isEqualTo(1);
        assertThat(page0.path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page0.path("items")).hasSize(1);
        assertThat(page1.path("items")).hasSize(1);
        assertThat(notAfters(page0.path("items")).getFirst())
                .isBeforeOrEqualTo(notAfters(page1.path("items")).getFirst());

        // The window opens: the notice says a renewal is available, until one is issued and waits for first use.
        waitUntil(renewableFrom.plusSeconds(1));
        Http.Response open = certificateLogon(earlier);
        assertThat(open.json().path("certificate").path("renewalAvailable").asBoolean())
                .as("renewal notice once the window is open: %s", open)
                .isTrue();
        String session = open.json().path("accessToken").asString();
        KeyPair renewedKey = Csrs.p256();
        String renewalCsr = Csrs.csrPem(renewedKey);
        Held renewal =
                new Held(renewedKey, bank().issued(() -> bank().requestFromSession(session, renewalCsr)), "1111");
        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            assertThat(certificateLogon(earlier)
                            .json()
                            .path("certificate")
                            .path("renewalAvailable")
                            .asBoolean())
                    .as("a renewal is waiting for its first use")
                    .isFalse();
            JsonNode items = Http.get(mine + "?expiringWithin=P40D", contract.adminToken())
                    .json()
                    .path("items");
            assertThat(items)
                    .anyMatch(
                            i -> earlier.serial().equals(i.path("serialNumber").asString())
                                    && i.path("renewalWaiting").asBoolean());
        });

        // First use of the renewal: it is the certificate now, its own window not open yet.
        Http.Response renewed = certificateLogon(renewal);
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.json().path("certificate").path("serialNumber").asString())
                .isEqualTo(renewal.serial());
        assertThat(renewed.json().path("certificate").path("renewalAvailable").asBoolean())
                .isFalse();
        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            JsonNode items = Http.get(mine + "?expiringWithin=P40D", contract.adminToken())
                    .json()
                    .path("items");
            assertThat(serials(items)).containsExactly(later.serial(), renewal.serial());
            assertThat(items).noneMatch(i -> i.path("renewalWaiting").asBoolean());
        });
    }

    // ---- the bank's people and the users' PCs -------------------------------------------------------------------

    /** A contract with its administrator logged on. */
    record Contract(String id, String adminToken) {}

    /** A user as registered: in SELF_SERVICE with a login ID, which is then what they log on with. */
    record User(String contractId, String userId, String loginId, String password) {
        String logonId() {
            return loginId == null ? userId : loginId;
        }

        String email() {
            return Bank.email(contractId, userId);
        }

        Map<String, Object> logon(String password) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("realm", "user");
            if (loginId == null) {
                body.put("contractId", contractId);
                body.put("userId", userId);
            } else {
                body.put("loginId", loginId);
            }
            body.put("password", password);
            return body;
        }
    }

    /** A certificate as the user's PC holds it, with the private key that never left the PC. */
    record Held(KeyPair key, JsonNode certificate, String password) {
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

    private Contract contract() {
        String contractId = SystemScenarios.newContractId();
        bank().registerContract(bank().operatorToken(), contractId, "ADM01", "admin-pass-01");
        return new Contract(contractId, bank().adminToken(contractId, "ADM01", "admin-pass-01"));
    }

    private User user(Contract contract, String userId, String password) {
        String loginId = style() == Style.SELF_SERVICE ? (userId + "-" + contract.id()).toLowerCase() : null;
        bank().registerUser(contract.adminToken(), contract.id(), userId, loginId, password);
        return new User(contract.id(), userId, loginId, password);
    }

    /** The user's first certificate, as their bank's style hands it out. */
    private Held obtain(Contract contract, User user) {
        if (style() == Style.ADMIN_AUTHORIZED) {
            assertThat(bank().authorizeIssuance(contract.adminToken(), contract.id(), user.userId())
                            .status())
                    .isEqualTo(202);
        }
        KeyPair key = Csrs.p256();
        String csr = Csrs.csrPem(key);
        return new Held(key, bank().issued(() -> request(user, csr)), user.password());
    }

    private Http.Response request(User user, String csr) {
        return user.loginId() == null
                ? bank().requestWithIdAndPassword(user.contractId(), user.userId(), user.password(), csr)
                : bank().requestWithLoginId(user.loginId(), user.password(), csr);
    }

    private Http.Response certificateLogon(Held held) {
        return Bank.unlessBusy(() -> bank().certificateLogon(held.key().getPrivate(), held.pem(), held.password()));
    }

    private Http.Response passwordLogon(User user, String password) {
        return Bank.unlessBusy(() -> bank().logon(user.logon(password)));
    }

    private Http.Response changePassword(String token, String current, String next) {
        return Bank.unlessBusy(() -> Http.postJson(
                system().authUrl() + "/api/v1/password-changes",
                Map.of("currentPassword", current, "newPassword", next),
                token));
    }

    /** Logs on with ID (or login ID) and password once auth-service lets the user do so. */
    private Http.Response awaitPasswordLogon(User user, String password) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        await().atMost(Bank.PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            last.set(passwordLogon(user, password));
            return last.get().status() == 200;
        });
        return last.get();
    }

    private Http.Response revoke(String token, Contract contract, User user, String reason) {
        return Http.postJson(
                bank().users(contract.id()) + "/" + user.userId() + "/revocation", Map.of("reason", reason), token);
    }

    /** Revoked with that reason, as issuance-service, the CRL and OCSP all say. */
    private void assertRevoked(Held held, String reason) throws Exception {
        bank().awaitCertificateStatus(held.serial(), "REVOKED");
        assertThat(bank().certificateStatus(held.serial())
                        .path("revocationReason")
                        .asString())
                .isEqualTo(reason);
        assertThat(relyingParty().crlReason(held.serial()))
                .as("the CRL's reason")
                .isEqualTo(reason);
        assertThat(relyingParty().ocsp(held.pem())).isEqualTo(Status.REVOKED);
    }

    private void assertRule(String session, String current, String next, String code) {
        Http.Response refused = changePassword(session, current, next);
        assertThat(refused.status()).as("%s: %s", code, refused).isEqualTo(422);
        assertThat(refused.json().path("code").asString()).isEqualTo(code);
    }

    private JsonNode userInList(Contract contract, String userId) {
        Http.Response list = bank().listUsers(contract.adminToken(), contract.id());
        assertThat(list.status()).as("user list: %s", list).isEqualTo(200);
        for (JsonNode user : list.json()) {
            if (userId.equals(user.path("userId").asString())) {
                return user;
            }
        }
        throw new AssertionError(userId + " is not in " + list);
    }

    private JsonNode trail(Contract contract) {
        return trail(contract.id(), contract.adminToken());
    }

    private JsonNode trail(String contractId, String token) {
        Http.Response trail =
                Http.get(system().adminUrl() + "/api/v1/contracts/" + contractId + "/audit?size=500", token);
        assertThat(trail.status()).as("audit trail: %s", trail).isEqualTo(200);
        return trail.json().path("entries");
    }

    /** An audit entry of that action by that actor, on that target (any target if null). */
    private static Predicate<JsonNode> entry(String action, String actorId, String target) {
        return e -> action.equals(e.path("action").asString())
                && actorId.equals(e.path("actor").path("id").asString())
                && (target == null || target.equals(e.path("target").asString()));
    }

    private List<ReceivedMail> mailsTo(String address) {
        return system().infrastructure().mails().stream()
                .filter(m -> m.to().contains(address))
                .toList();
    }

    private void awaitMail(String address, Predicate<ReceivedMail> matching) {
        await().atMost(Bank.PATIENCE)
                .untilAsserted(() -> assertThat(mailsTo(address)).anyMatch(matching));
    }

    private static List<String> serials(JsonNode items) {
        List<String> serials = new ArrayList<>();
        items.forEach(i -> serials.add(i.path("serialNumber").asString()));
        return serials;
    }

    private static List<Instant> notAfters(JsonNode items) {
        List<Instant> notAfters = new ArrayList<>();
        items.forEach(i -> notAfters.add(Instant.parse(i.path("notAfter").asString())));
        return notAfters;
    }

    private static void waitUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // the periods are shortened by configuration; this waits for them to pass
        }
    }
}

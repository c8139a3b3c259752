package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.Topics;
import io.inkan.system.stack.Bank;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.RelyingParty.Status;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

/**
 * The seed banks' journeys in the 管理者/利用者 style (ADMIN_AUTHORIZED), with a year shortened to three
 * minutes: the administrator's authorization, issuance, logon, reissue (初期化), renewal, reminders,
 * lock-out, tenant isolation, and poison records.
 */
abstract class AdminAuthorizedScenarios extends SystemScenarios {
    private static final Duration VALIDITY = Duration.ofMinutes(3);
    private static final Duration RENEWAL_WINDOW = Duration.ofMinutes(2);

    @Override
    protected Map<String, String> properties() {
        return Map.of(
                "inkan.issuance.mode", "ADMIN_AUTHORIZED",
                "inkan.certificate.validity", "PT3M",
                "inkan.certificate.renewal-window", "PT2M",
                "inkan.certificate.post-expiry-grace", "PT10M",
                "inkan.notification.expiry-notices", "PT2M,PT1M",
                "inkan.notification.scan-interval", "PT5S",
                "inkan.issuance.pending-timeout", "PT10S");
    }

    /** A contract with its administrator logged on, and users registered by that administrator. */
    private record Contract(String id, String adminToken) {}

    private Contract contractWithUsers(String... userIdsAndPins) {
        String contractId = newContractId();
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contractId, "ADM01", "admin-pass-01");
        for (int i = 0; i < userIdsAndPins.length; i += 2) {
            bank.registerUser(admin, contractId, userIdsAndPins[i], null, userIdsAndPins[i + 1]);
        }
        return new Contract(contractId, admin);
    }

    /** A certificate as the user's PC holds it: the private key never leaves the PC. */
    private record Held(KeyPair key, JsonNode certificate) {
        String pem() {
            return certificate.path("pem").asString();
        }

        JsonNode path(String field) {
            return certificate.path(field);
        }
    }

    private Held obtainAuthorized(Contract contract, String userId, String pin) {
        assertThat(bank.authorizeIssuance(contract.adminToken(), contract.id(), userId)
                        .status())
                .isEqualTo(202);
        return obtainWithIdAndPassword(contract, userId, pin);
    }

    /** The PC makes a key and sends its CSR (again, while auth-service does not know the user yet). */
    private Held obtainWithIdAndPassword(Contract contract, String userId, String pin) {
        KeyPair key = Csrs.p256();
        String csr = Csrs.csrPem(key);
        return new Held(key, bank.issued(() -> bank.requestWithIdAndPassword(contract.id(), userId, pin, csr)));
    }

    private Http.Response certificateLogon(Held held, String pin) {
        return bank.certificateLogon(held.key().getPrivate(), held.pem(), pin);
    }

    @Scenario
    void theReadmeQuickstartWorksAsWritten() throws Exception {
        new QuickstartScenario(system(), bank, relyingParty).runAsWritten();
    }

    @Scenario
    void theAdministratorAuthorizesTheUserObtainsLogsOnAndAReissueStartsAgain() throws Exception {
        Contract contract = contractWithUsers("U001", "1234", "U002", "5678");

        Held certificate = obtainAuthorized(contract, "U001", "1234");
        String pem = certificate.pem();
        String serial = certificate.path("serialNumber").asString();

        relyingParty.assertChainsToTheCa(pem);
        assertThat(certificate.path("subject").asString()).contains("CN=" + contract.id() + "U001");
        assertThat(serial).matches("[0-9a-f]{16,}");
        assertThat(certificate.path("chainPem").asString()).contains("BEGIN CERTIFICATE");
        assertThat(certificateLogon(certificate, "1234").status()).isEqualTo(200);
        assertThat(bank.logon(Map.of("realm", "user", "certificate", pem, "password", "1234"))
                        .status())
                .as("the certificate's PEM without its key, as anyone may have it")
                .isEqualTo(401);
        assertThat(bank.userLogon(contract.id(), "U001", "1234").status())
                .as("ID and PIN while a usable certificate exists")
                .isBetween(400, 499);

        JsonNode unauthorized = bank.obtain(
                () -> bank.requestWithIdAndPassword(contract.id(), "U002", "5678", Csrs.csrPem(Csrs.p256())));
        assertThat(unauthorized.path("status").asString()).isEqualTo("REJECTED");
        assertThat(unauthorized.path("reason").asString()).isEqualTo("NOT_AUTHORIZED");

        // Installation failed on the user's PC: the administrator reissues (初期化).
        assertThat(bank.reissue(contract.adminToken(), contract.id(), "U001", "keyCompromise")
                        .status())
                .isEqualTo(202);
        bank.awaitCertificateStatus(serial, "REVOKED");
        assertThat(bank.certificateStatus(serial).path("revocationReason").asString())
                .isEqualTo("keyCompromise");
        assertThat(relyingParty.crlLists(serial)).isTrue();
        assertThat(relyingParty.ocsp(pem)).isEqualTo(Status.REVOKED);
        bank.awaitToken(Map.of("realm", "user", "contractId", contract.id(), "userId", "U001", "password", "1234"));
        assertThat(certificateLogon(certificate, "1234").status()).isEqualTo(401);

        Held again = obtainWithIdAndPassword(contract, "U001", "1234");
        assertThat(again.path("serialNumber").asString()).isNotEqualTo(serial);
        relyingParty.assertChainsToTheCa(again.pem());
        assertThat(relyingParty.ocsp(again.pem())).isEqualTo(Status.GOOD);
        assertThat(certificateLogon(again, "1234").status()).isEqualTo(200);
    }

    @Scenario
    void aRenewalIsRefusedTooEarlyIssuedInTheWindowAndReplacesTheOldCertificateOnFirstUse() throws Exception {
        Contract contract = contractWithUsers("U001", "1357");
        Held first = obtainAuthorized(contract, "U001", "1357");
        String firstPem = first.pem();
        String session = bank.awaitCertificateToken(first.key().getPrivate(), firstPem, "1357");

        JsonNode tooEarly = bank.obtain(() -> bank.requestFromSession(session, Csrs.csrPem(Csrs.p256())));
        assertThat(tooEarly.path("status").asString()).isEqualTo("REJECTED");
        assertThat(tooEarly.path("reason").asString()).isEqualTo("RENEWAL_TOO_EARLY");

        Instant windowOpens = Instant.parse(first.path("notAfter").asString()).minus(RENEWAL_WINDOW);
        waitUntil(windowOpens.plusSeconds(2));
        KeyPair renewedKey = Csrs.p256();
        String renewalCsr = Csrs.csrPem(renewedKey);
        Held renewed = new Held(renewedKey, bank.issued(() -> bank.requestFromSession(session, renewalCsr)));
        String renewedPem = renewed.pem();

        // Not installed yet: the old certificate still works, so a failed installation locks nobody out.
        assertThat(relyingParty.ocsp(firstPem)).isEqualTo(Status.GOOD);
        assertThat(certificateLogon(first, "1357").status()).isEqualTo(200);

        assertThat(certificateLogon(renewed, "1357").status()).isEqualTo(200);
        String firstSerial = first.path("serialNumber").asString();
        bank.awaitCertificateStatus(firstSerial, "REVOKED");
        assertThat(bank.certificateStatus(firstSerial).path("revocationReason").asString())
                .isEqualTo("superseded");
        assertThat(certificateLogon(first, "1357").status()).isEqualTo(401);
        assertThat(relyingParty.ocsp(renewedPem)).isEqualTo(Status.GOOD);

        // The renewed certificate's last reminder (PT1M before its notAfter) never goes.
        Instant lastReminderDue =
                Instant.parse(first.path("notAfter").asString()).minus(Duration.ofMinutes(1));
        waitUntil(lastReminderDue.plusSeconds(20));
        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.NOTIFICATION)) {
            assertThat(probe.drain(Duration.ofSeconds(3)))
                    .filteredOn(r -> "io.inkan.ExpiryApproaching.v1".equals(TopicProbe.header(r, "ce_type")))
                    .noneMatch(r -> TopicProbe.value(r).contains(firstSerial)
                            && TopicProbe.value(r).contains("PT1M"));
        }
    }

    @Scenario
    void afterExpiryIdAndPasswordRenewWithinTheGracePeriod() throws Exception {
        Contract contract = contractWithUsers("U001", "8642");
        Held first = obtainAuthorized(contract, "U001", "8642");

        waitUntil(Instant.parse(first.path("notAfter").asString()).plusSeconds(1));
        bank.awaitCertificateStatus(first.path("serialNumber").asString(), "EXPIRED");
        assertThat(certificateLogon(first, "8642").status()).isEqualTo(401);

        Held renewed = obtainWithIdAndPassword(contract, "U001", "8642");
        relyingParty.assertChainsToTheCa(renewed.pem());

        // One owner per fact: issuance-service decides that a renewal after expiry replaces nothing still usable,
        // so it is the user's certificate at once; admin- and auth-service say the same, before any logon.
        String renewedSerial = renewed.path("serialNumber").asString();
        assertThat(bank.certificateStatus(renewedSerial).path("status").asString())
                .isEqualTo("ACTIVE");
        await().atMost(Bank.PATIENCE).untilAsserted(() -> {
            JsonNode user = userInList(contract, "U001");
            assertThat(user.path("certificateStatus").asString()).isEqualTo("ACTIVE");
            assertThat(user.path("serialNumber").asString()).isEqualTo(renewedSerial);
            assertThat(user.path("renewalSerialNumber").isNull()
                            || user.path("renewalSerialNumber").isMissingNode())
                    .as("no renewal waiting for its first use: %s", user)
                    .isTrue();
        });
        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.AUTH)) {
            assertThat(certificateLogon(renewed, "8642").status()).isEqualTo(200);
            assertThat(probe.drain(Duration.ofSeconds(3)))
                    .as("auth-service did not hold the renewal back for a first use")
                    .filteredOn(r -> "io.inkan.CertificateActivated.v1".equals(TopicProbe.header(r, "ce_type")))
                    .noneMatch(r -> TopicProbe.value(r).contains(renewedSerial));
        }
    }

    private JsonNode userInList(Contract contract, String userId) {
        Http.Response list = bank.listUsers(contract.adminToken(), contract.id());
        assertThat(list.status()).as("user list: %s", list).isEqualTo(200);
        for (JsonNode user : list.json()) {
            if (userId.equals(user.path("userId").asString())) {
                return user;
            }
        }
        throw new AssertionError(userId + " is not in " + list);
    }

    @Scenario
    void twoRemindersGoInJapaneseOnceEachAndNoneForARevokedCertificate() throws Exception {
        Contract contract = contractWithUsers("U001", "2020", "U002", "3030");
        Held kept = obtainAuthorized(contract, "U001", "2020");
        Held revoked = obtainAuthorized(contract, "U002", "3030");
        String keptSerial = kept.path("serialNumber").asString();
        String revokedSerial = revoked.path("serialNumber").asString();
        assertThat(bank.reissue(contract.adminToken(), contract.id(), "U002", "unspecified")
                        .status())
                .isEqualTo(202);
        bank.awaitCertificateStatus(revokedSerial, "REVOKED");

        Instant notAfter = Instant.parse(kept.path("notAfter").asString());
        waitUntil(notAfter.minus(Duration.ofMinutes(1)).plusSeconds(20));

        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.NOTIFICATION)) {
            List<ConsumerRecord<String, byte[]>> events = probe.drain(Duration.ofSeconds(5));
            List<String> reminders = events.stream()
                    .filter(r -> "io.inkan.ExpiryApproaching.v1".equals(TopicProbe.header(r, "ce_type")))
                    .map(TopicProbe::value)
                    .toList();
            assertThat(reminders.stream().filter(v -> v.contains(keptSerial)))
                    .hasSize(2)
                    .anyMatch(v -> v.contains("\"PT2M\""))
                    .anyMatch(v -> v.contains("\"PT1M\""));
            assertThat(reminders).noneMatch(v -> v.contains(revokedSerial));
        }
        List<io.inkan.system.stack.Infrastructure.ReceivedMail> toKept = system().infrastructure().mails().stream()
                .filter(m -> m.to().contains(Bank.email(contract.id(), "U001")))
                .filter(m -> m.body().contains(keptSerial) && m.body().contains("更新"))
                .toList();
        assertThat(toKept)
                .as("reminders in Japanese, naming the serial and how to renew")
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(toKept).allMatch(m -> m.subject().contains("電子証明書"));
    }

    @Scenario
    void fiveWrongPasswordsLockTheAccountUntilTheAdministratorUnlocksIt() {
        Contract contract = contractWithUsers("U001", "4711");
        bank.awaitToken(Map.of("realm", "user", "contractId", contract.id(), "userId", "U001", "password", "4711"));

        for (int attempt = 1; attempt <= 5; attempt++) {
            // a logon that finds the password checks busy (503) checked nothing and counts toward no lock-out
            assertThat(Bank.unlessBusy(() -> bank.userLogon(contract.id(), "U001", "0000"))
                            .status())
                    .as("attempt %d", attempt)
                    .isEqualTo(401);
        }
        Http.Response locked = Bank.unlessBusy(() -> bank.userLogon(contract.id(), "U001", "4711"));
        assertThat(locked.status()).isEqualTo(423);
        assertThat(locked.header("Content-Type")).startsWith("application/problem+json");
        assertThat(locked.json().path("code").asString()).isEqualTo("LOCKED");
        await().atMost(Bank.PATIENCE).until(() -> lockedInAdministratorsList(contract, "U001"));

        assertThat(bank.unlockUser(contract.adminToken(), contract.id(), "U001").status())
                .isEqualTo(202);
        bank.awaitToken(Map.of("realm", "user", "contractId", contract.id(), "userId", "U001", "password", "4711"));
        await().atMost(Bank.PATIENCE).until(() -> !lockedInAdministratorsList(contract, "U001"));
    }

    /**
     * パスワード変更 and the administrator's reset: the user changes the initial PIN (rules named only with the
     * right current password), locks themselves out later, and the administrator resets the password to a
     * temporary one that unlocks the account; every change is mailed without a password and is in the trail.
     */
    @Scenario
    void aUserChangesTheirPasswordAndTheAdministratorResetsItAfterALockOut() {
        Contract contract = contractWithUsers("U001", "5813");
        String changes = system().authUrl() + "/api/v1/password-changes";
        String session = bank.awaitToken(
                Map.of("realm", "user", "contractId", contract.id(), "userId", "U001", "password", "5813"));

        assertThat(Http.postJson(changes, Map.of("currentPassword", "0000", "newPassword", "u1"), session)
                        .status())
                .as("a wrong current password says nothing about the new one")
                .isEqualTo(401);
        Http.Response tooShort =
                Http.postJson(changes, Map.of("currentPassword", "5813", "newPassword", "u1"), session);
        assertThat(tooShort.status()).isEqualTo(422);
        assertThat(tooShort.json().path("code").asString()).isEqualTo("PASSWORD_TOO_SHORT");
        String chosen = "Hinoki-Pass-81";
        assertThat(Http.postJson(changes, Map.of("currentPassword", "5813", "newPassword", chosen), session)
                        .status())
                .isEqualTo(204);
        assertThat(bank.userLogon(contract.id(), "U001", "5813").status()).isEqualTo(401);
        bank.awaitToken(Map.of("realm", "user", "contractId", contract.id(), "userId", "U001", "password", chosen));

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(bank.userLogon(contract.id(), "U001", "wrong-" + attempt).status())
                    .isEqualTo(401);
        }
        assertThat(bank.userLogon(contract.id(), "U001", chosen).status()).isEqualTo(423);
        String temporary = "Sugi-Temp-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(Http.postJson(
                                bank.users(contract.id()) + "/U001/password-reset",
                                Map.of("temporaryPassword", temporary),
                                contract.adminToken())
                        .status())
                .isEqualTo(202);
        bank.awaitToken(Map.of("realm", "user", "contractId", contract.id(), "userId", "U001", "password", temporary));
        await().atMost(Bank.PATIENCE).until(() -> !lockedInAdministratorsList(contract, "U001"));

        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.ADMIN, Topics.AUTH)) {
            String reset = TopicProbe.value(
                    probe.awaitEvent("io.inkan.PasswordResetOrdered.v1", contract.id(), Bank.PATIENCE));
            assertThat(reset).doesNotContain(temporary);
            probe.await(
                    r -> "io.inkan.PasswordChanged.v1".equals(TopicProbe.header(r, "ce_type"))
                            && TopicProbe.value(r).contains(contract.id())
                            && TopicProbe.value(r).contains("ADMINISTRATOR"),
                    Bank.PATIENCE);
            assertThat(probe.drain(Duration.ofSeconds(1)))
                    .noneMatch(r -> TopicProbe.value(r).contains(temporary)
                            || TopicProbe.value(r).contains(chosen));
        }
        await().atMost(Bank.PATIENCE)
                .until(() -> system().infrastructure().mails().stream()
                                .filter(m -> m.to().contains(Bank.email(contract.id(), "U001")))
                                .filter(m -> m.subject().contains("ログインパスワードが変更されました")
                                        || m.subject().contains("ログインパスワードが再設定されました"))
                                .count()
                        == 2);
        assertThat(system().infrastructure().mails().stream()
                        .filter(m -> m.to().contains(Bank.email(contract.id(), "U001"))))
                .noneMatch(m -> m.body().contains(temporary) || m.body().contains(chosen));
        JsonNode trail = Http.get(
                        system().adminUrl() + "/api/v1/contracts/" + contract.id() + "/audit?size=100",
                        contract.adminToken())
                .json();
        assertThat(trail.path("entries"))
                .anyMatch(e -> "ResetPassword".equals(e.path("action").asString())
                        && "ADM01".equals(e.path("actor").path("id").asString()))
                .anyMatch(e -> "PasswordChanged".equals(e.path("action").asString())
                        && "U001".equals(e.path("actor").path("id").asString()));
    }

    private boolean lockedInAdministratorsList(Contract contract, String userId) {
        Http.Response list = bank.listUsers(contract.adminToken(), contract.id());
        JsonNode body = list.json();
        JsonNode users = body.isArray() ? body : body.path("users");
        for (JsonNode user : users) {
            if (userId.equals(user.path("userId").asString())) {
                return user.path("locked").asBoolean();
            }
        }
        return false;
    }

    @Scenario
    void anAdministratorActsOnlyInsideTheirOwnContract() {
        Contract mine = contractWithUsers("U001", "1111");
        Contract theirs = contractWithUsers("U001", "2222");

        assertThat(bank.listUsers(mine.adminToken(), theirs.id()).status()).isEqualTo(403);
        assertThat(bank.authorizeIssuance(mine.adminToken(), theirs.id(), "U001")
                        .status())
                .isEqualTo(403);
        assertThat(bank.reissue(mine.adminToken(), theirs.id(), "U001", "unspecified")
                        .status())
                .isEqualTo(403);
        assertThat(bank.unlockUser(mine.adminToken(), theirs.id(), "U001").status())
                .isEqualTo(403);
        assertThat(Http.get(system().adminUrl() + "/api/v1/contracts/" + theirs.id() + "/audit", mine.adminToken())
                        .status())
                .isEqualTo(403);
        assertThat(Http.postJson(
                                system().adminUrl() + "/api/v1/contracts",
                                Map.of("contractId", newContractId(), "name", "x"),
                                mine.adminToken())
                        .status())
                .isEqualTo(403);
        assertThat(bank.listUsers(null, mine.id()).status()).isEqualTo(401);
        assertThat(bank.listUsers(mine.adminToken(), mine.id()).status()).isEqualTo(200);
        assertThat(Http.get(system().adminUrl() + "/api/v1/contracts/" + mine.id() + "/audit", bank.operatorToken())
                        .status())
                .isEqualTo(200);
    }

    @Scenario
    void aPoisonRecordOnEveryTopicLandsOnItsDeadLetterTopicAndTheServicesGoOn() {
        Map<String, String> typeOnTopic = Map.of(
                Topics.ADMIN, "io.inkan.UserRegistered.v1",
                Topics.FRONTEND_REQUESTS, "io.inkan.CertificateRequestSubmitted.v1",
                Topics.AUTH, "io.inkan.CertificateRequested.v1",
                Topics.ISSUANCE, "io.inkan.CertificateIssued.v1",
                Topics.NOTIFICATION, "io.inkan.NotificationSent.v1");
        String key = "poison-" + UUID.randomUUID();
        try (var producer = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            typeOnTopic.forEach((topic, type) -> {
                var record =
                        new ProducerRecord<>(topic, key, "{\"this is\": not json".getBytes(StandardCharsets.UTF_8));
                record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
                record.headers()
                        .add(new RecordHeader(
                                "ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            });
        }
        for (String topic : typeOnTopic.keySet()) {
            try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.deadLetter(topic))) {
                ConsumerRecord<String, byte[]> dead = probe.await(r -> key.equals(r.key()), Bank.PATIENCE);
                assertThat(TopicProbe.header(dead, "kafka_dlt-exception-message"))
                        .isNotBlank();
            }
        }
        // Every service still does its work after its poison.
        Contract contract = contractWithUsers("U001", "9753");
        Held certificate = obtainAuthorized(contract, "U001", "9753");
        assertThat(certificateLogon(certificate, "9753").status()).isEqualTo(200);
    }

    private static void waitUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // the periods are shortened by configuration; this waits for them to pass
        }
    }
}

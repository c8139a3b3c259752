package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.Topics;
import io.inkan.frontend.Credentials;
import io.inkan.frontend.InkanFrontend;
import io.inkan.frontend.Outcome;
import io.inkan.system.stack.Bank;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.Infrastructure;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * The big banks' extra factor (docs/contract.md §4, {@code inkan.issuance.acquisition-code=REQUIRED}) in the
 * ADMIN_AUTHORIZED style, the one where an administrator authorizes: the authorization (発行手続き or 初期化) answers a
 * one-time acquisition code, shown once; the user's request must carry it; five wrong codes void the authorization.
 * Driven only through the public HTTP APIs and topics, with the mails read from the SMTP server. (SELF_SERVICE needs
 * no authorization, so the code changes nothing there; a deployment of that style leaves the property at NONE.)
 */
class AcquisitionCodeScenariosIT extends SystemScenarios {
    private static final String CODE = "[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}";

    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of(
                "inkan.issuance.mode", "ADMIN_AUTHORIZED",
                "inkan.issuance.acquisition-code", "REQUIRED",
                "inkan.issuance.pending-timeout", "PT5S",
                "inkan.issuance.scan-interval", "PT2S");
    }

    private record Contract(String id, String adminToken) {}

    private Contract contractWithUser(String userId, String loginId, String password) {
        String contractId = newContractId();
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contractId, "ADM01", "admin-pass-01");
        bank.registerUser(admin, contractId, userId, loginId, password);
        return new Contract(contractId, admin);
    }

    private Http.Response request(Contract contract, String userId, String password, String code, String csr) {
        return code == null
                ? bank.requestWithIdAndPassword(contract.id(), userId, password, csr)
                : Http.postJson(
                        system().authUrl() + "/api/v1/certificate-requests",
                        Map.of(
                                "contractId", contract.id(),
                                "userId", userId,
                                "password", password,
                                "acquisitionCode", code,
                                "csr", csr),
                        null);
    }

    /**
     * Waits until auth-service has learnt the authorization from its event: from then on a request with the password
     * alone is refused. One accepted before (the authorization still in flight) names no authorization, and
     * issuance-service does not let it use one that came with a code: it ends NOT_AUTHORIZED.
     */
    private void awaitTheCodeIsAskedFor(Contract contract, String userId, String password) {
        AtomicReference<Http.Response> answer = new AtomicReference<>();
        await().atMost(Bank.PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            answer.set(request(contract, userId, password, null, Csrs.csrPem(Csrs.p256())));
            if (answer.get().status() == 202) {
                JsonNode early =
                        bank.outcome(answer.get().json().path("requestId").asString());
                assertThat(early.path("status").asString())
                        .as("a request without the code, accepted while the authorization was in flight")
                        .isEqualTo("REJECTED");
                assertThat(early.path("reason").asString()).isEqualTo("NOT_AUTHORIZED");
            }
            return answer.get().status() == 403;
        });
        assertThat(answer.get().json().path("code").asString()).isEqualTo("ACQUISITION_CODE_INVALID");
        assertThat(answer.get().header("Content-Type")).contains("application/problem+json");
    }

    private static String codeOf(Http.Response authorization) {
        assertThat(authorization.status()).isEqualTo(202);
        String code = authorization.json().path("acquisitionCode").asString();
        assertThat(code).matches(CODE);
        return code;
    }

    private JsonNode obtainWithCode(Contract contract, String userId, String password, String code, KeyPair key) {
        return bank.issued(() -> request(contract, userId, password, code, Csrs.csrPem(key)));
    }

    private void assertNoMailHolds(Contract contract, String userId, String code) {
        assertThat(system().infrastructure().mails().stream()
                        .filter(m -> m.to().contains(Bank.email(contract.id(), userId))))
                .noneMatch(m -> m.body().contains(code)
                        || m.body().contains(code.replace("-", ""))
                        || m.subject().contains(code));
    }

    private JsonNode audit(Contract contract) {
        return Http.get(
                        system().adminUrl() + "/api/v1/contracts/" + contract.id() + "/audit?size=100",
                        contract.adminToken())
                .json();
    }

    private JsonNode userRow(Contract contract, String userId) {
        for (JsonNode user :
                bank.listUsers(contract.adminToken(), contract.id()).json()) {
            if (userId.equals(user.path("userId").asString())) {
                return user;
            }
        }
        throw new AssertionError("no user " + userId + " in the list");
    }

    @Scenario
    void theUserObtainsACertificateOnlyWithTheCodeTheAdministratorWasShownOnce() throws Exception {
        Contract contract = contractWithUser("U001", null, "1234-pin");
        String code = codeOf(bank.authorizeIssuance(contract.adminToken(), contract.id(), "U001"));
        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.ADMIN, Topics.AUTH)) {

            Http.Response again = bank.authorizeIssuance(contract.adminToken(), contract.id(), "U001");
            assertThat(again.json().path("status").asString()).isEqualTo("ALREADY_AUTHORIZED");
            assertThat(again.json().has("acquisitionCode"))
                    .as("the code is shown once")
                    .isFalse();

            awaitTheCodeIsAskedFor(contract, "U001", "1234-pin");

            // a wrong password is a wrong password, whatever the code: the code's answer is only for the holder
            assertThat(request(contract, "U001", "wrong-pin", "0000-0000-0000-0000", Csrs.csrPem(Csrs.p256()))
                            .status())
                    .isEqualTo(401);
            Http.Response wrong =
                    request(contract, "U001", "1234-pin", "0000-0000-0000-0000", Csrs.csrPem(Csrs.p256()));
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.json().path("code").asString()).isEqualTo("ACQUISITION_CODE_INVALID");

            // typed as a person types it: lower case, without the hyphens
            KeyPair key = Csrs.p256();
            JsonNode certificate = obtainWithCode(
                    contract, "U001", "1234-pin", code.replace("-", "").toLowerCase(), key);
            assertThat(bank.certificateLogon(
                                    key.getPrivate(), certificate.path("pem").asString(), "1234-pin")
                            .status())
                    .isEqualTo(200);

            var authorized = probe.awaitEvent("io.inkan.IssuanceAuthorized.v1", contract.id(), Bank.PATIENCE);
            assertThat(TopicProbe.value(authorized)).contains("\"acquisitionCodeHash\":\"sha256:");
            var requested = probe.await(
                    r -> "io.inkan.CertificateRequested.v1".equals(TopicProbe.header(r, "ce_type"))
                            && TopicProbe.value(r).contains(contract.id())
                            && TopicProbe.value(r).contains("\"authorizationId\":\""),
                    Bank.PATIENCE);
            assertThat(TopicProbe.value(requested))
                    .contains(again.json().path("authorizationId").asString());
            assertThat(probe.drain(Duration.ofSeconds(1)))
                    .as("the code in clear on no topic")
                    .noneMatch(r -> TopicProbe.value(r).contains(code)
                            || TopicProbe.value(r).contains(code.replace("-", "")));
        }
        await().atMost(Bank.PATIENCE)
                .until(() -> system().infrastructure().mails().stream()
                        .anyMatch(m -> m.to().contains(Bank.email(contract.id(), "U001"))
                                && m.subject().contains("電子証明書を発行しました")));
        assertThat(audit(contract).toString())
                .contains("acquisitionCode=required")
                .doesNotContain(code);
    }

    @Scenario
    void fiveWrongCodesVoidTheAuthorizationAndTheAdministratorAuthorizesAgain() throws Exception {
        Contract contract = contractWithUser("U001", null, "5678-pin");
        String code = codeOf(bank.authorizeIssuance(contract.adminToken(), contract.id(), "U001"));
        awaitTheCodeIsAskedFor(contract, "U001", "5678-pin");

        Http.Response answer = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            answer = request(contract, "U001", "5678-pin", "ZZZZ-ZZZZ-ZZZZ-ZZZ" + attempt, Csrs.csrPem(Csrs.p256()));
            assertThat(answer.status()).as("wrong code %d", attempt).isEqualTo(403);
            assertThat(answer.json().path("code").asString()).isEqualTo("ACQUISITION_CODE_INVALID");
        }
        assertThat(answer.json().path("detail").asString()).contains("void");

        // the password's own lock-out is untouched: the user still logs on with ID and password
        assertThat(bank.userLogon(contract.id(), "U001", "5678-pin").status()).isEqualTo(200);

        // the right code comes too late: the authorization is void, so nothing is issued
        JsonNode late = bank.obtain(() -> request(contract, "U001", "5678-pin", code, Csrs.csrPem(Csrs.p256())));
        assertThat(late.path("status").asString()).isEqualTo("REJECTED");
        assertThat(late.path("reason").asString()).isEqualTo("NOT_AUTHORIZED");

        // the administrator sees it lapsed, and why, and authorizes again
        await().atMost(Bank.PATIENCE)
                .until(() -> "LAPSED"
                        .equals(userRow(contract, "U001")
                                .path("authorizationStatus")
                                .asString()));
        assertThat(audit(contract).toString()).contains("AcquisitionCodeExhausted");
        String second = codeOf(bank.authorizeIssuance(contract.adminToken(), contract.id(), "U001"));
        assertThat(second).isNotEqualTo(code);
        awaitTheCodeIsAskedFor(contract, "U001", "5678-pin");
        obtainWithCode(contract, "U001", "5678-pin", second, Csrs.p256());
        await().atMost(Bank.PATIENCE)
                .until(() -> system().infrastructure().mails().stream()
                        .anyMatch(m -> m.to().contains(Bank.email(contract.id(), "U001"))
                                && m.subject().contains("電子証明書を発行しました")));
        assertNoMailHolds(contract, "U001", code);
        assertNoMailHolds(contract, "U001", second);
    }

    @Scenario
    void aReissueAnswersACodeAndTheNewCertificateNeedsIt() throws Exception {
        Contract contract = contractWithUser("U001", null, "9012-pin");
        String first = codeOf(bank.authorizeIssuance(contract.adminToken(), contract.id(), "U001"));
        awaitTheCodeIsAskedFor(contract, "U001", "9012-pin");
        JsonNode old = obtainWithCode(contract, "U001", "9012-pin", first, Csrs.p256());

        // 初期化: the PC broke; the reissue answers a code of its own
        String code = codeOf(bank.reissue(contract.adminToken(), contract.id(), "U001", "keyCompromise"));
        assertThat(code).isNotEqualTo(first);
        bank.awaitCertificateStatus(old.path("serialNumber").asString(), "REVOKED");
        awaitTheCodeIsAskedFor(contract, "U001", "9012-pin");
        Http.Response firstCodeAgain = request(contract, "U001", "9012-pin", first, Csrs.csrPem(Csrs.p256()));
        assertThat(firstCodeAgain.status())
                .as("the used authorization's code opens nothing")
                .isEqualTo(403);

        KeyPair key = Csrs.p256();
        JsonNode reissued = obtainWithCode(contract, "U001", "9012-pin", code, key);
        assertThat(reissued.path("serialNumber").asString())
                .isNotEqualTo(old.path("serialNumber").asString());
        assertThat(bank.certificateLogon(key.getPrivate(), reissued.path("pem").asString(), "9012-pin")
                        .status())
                .isEqualTo(200);

        await().atMost(Bank.PATIENCE)
                .until(() -> system().infrastructure().mails().stream()
                                .filter(m -> m.to().contains(Bank.email(contract.id(), "U001")))
                                .filter(m -> m.subject().contains("電子証明書を発行しました"))
                                .count()
                        == 2);
        await().atMost(Bank.PATIENCE)
                .until(() -> system().infrastructure().mails().stream()
                        .anyMatch(m -> m.to().contains(Bank.email(contract.id(), "U001"))
                                && m.subject().contains("電子証明書を失効しました")));
        assertNoMailHolds(contract, "U001", first);
        assertNoMailHolds(contract, "U001", code);
    }

    @Scenario
    void aFrontEndOverKafkaSealsTheCodeWithThePassword() throws Exception {
        String loginId = "tanaka" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Contract contract = contractWithUser("U001", loginId, "front-pass-01");
        String code = codeOf(bank.authorizeIssuance(contract.adminToken(), contract.id(), "U001"));
        awaitTheCodeIsAskedFor(contract, "U001", "front-pass-01");
        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), Topics.FRONTEND_REQUESTS);
                InkanFrontend frontend = InkanFrontend.builder()
                        .bootstrapServers(system().bootstrapServers())
                        .authUrl(system().authUrl())
                        .timeout(Duration.ofSeconds(60))
                        .build()) {
            Outcome wrong = frontend.submit(
                            Credentials.ofLoginId(loginId, "front-pass-01".toCharArray())
                                    .withAcquisitionCode("0000-0000-0000-0000"),
                            Csrs.csrPem(Csrs.p256()))
                    .get(90, TimeUnit.SECONDS);
            assertThat(wrong).isInstanceOf(Outcome.Refused.class);
            assertThat(((Outcome.Refused) wrong).reason()).isEqualTo("ACQUISITION_CODE_INVALID");

            Outcome issued = frontend.submit(
                            Credentials.ofLoginId(loginId, "front-pass-01".toCharArray())
                                    .withAcquisitionCode(code),
                            Csrs.csrPem(Csrs.p256()))
                    .get(90, TimeUnit.SECONDS);
            assertThat(issued).isInstanceOf(Outcome.Issued.class);
            relyingParty.assertChainsToTheCa(((Outcome.Issued) issued).pem());

            assertThat(probe.drain(Duration.ofSeconds(1)))
                    .as("the submissions carry the code sealed, never in clear")
                    .isNotEmpty()
                    .noneMatch(r -> TopicProbe.value(r).contains(code));
        }
    }
}

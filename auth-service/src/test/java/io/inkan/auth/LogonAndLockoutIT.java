package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.AdministratorRegistered;
import io.inkan.events.Realm;
import io.inkan.events.Topics;
import io.inkan.events.UserRegistered;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

class LogonAndLockoutIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aUserRegisteredThroughASealedEventLogsOnWithIdAndPasswordOrLoginId() throws Exception {
        String contract = unique("C");
        String loginId = unique("taro.");
        registerUser(contract, "U001", loginId, "Sakura-2026!");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U001", "Sakura-2026!")
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));

        MvcResult result = userLogon(contract, "U001", "Sakura-2026!");
        JsonNode body = json(result);
        assertThat(body.path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").asInt()).isEqualTo(900);
        JsonNode claims = claims(body.path("accessToken").asString());
        assertThat(claims.path("sub").asString()).isEqualTo("U001");
        assertThat(claims.path("contractId").asString()).isEqualTo(contract);
        assertThat(claims.path("realm").asString()).isEqualTo("user");
        assertThat(claims.path("roles").get(0).asString()).isEqualTo("USER");
        assertThat(claims.path("iss").asString()).isEqualTo("inkan-auth");
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);

        String kid = new String(java.util.Base64.getUrlDecoder()
                .decode(body.path("accessToken").asString().split("\\.")[0]));
        JsonNode jwks = json(get("/.well-known/jwks.json"));
        assertThat(kid).contains(jwks.path("keys").get(0).path("kid").asString());
        assertThat(jwks.path("keys").get(0).has("d")).isFalse();

        MvcResult byLoginId =
                post("/api/v1/tokens", Map.of("realm", "user", "loginId", loginId, "password", "Sakura-2026!"));
        assertThat(byLoginId.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void administratorsAndTheBootstrapOperatorLogOnInTheirRealms() throws Exception {
        String contract = unique("C");
        publish(new AdministratorRegistered(
                contract,
                "A001",
                "管理者",
                "admin@example.jp",
                "ja",
                io.inkan.auth.testing.Envelopes.seal("Admin-Pass-1", sealingCertificate()),
                CLOCK.instant()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(post(
                                        "/api/v1/tokens",
                                        Map.of(
                                                "realm",
                                                "admin",
                                                "contractId",
                                                contract,
                                                "adminId",
                                                "A001",
                                                "password",
                                                "Admin-Pass-1"))
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));

        MvcResult operator = post(
                "/api/v1/tokens", Map.of("realm", "operator", "operatorId", "operator", "password", "op-pass-IT-9137"));
        assertThat(operator.getResponse().getStatus()).isEqualTo(200);
        JsonNode claims = claims(json(operator).path("accessToken").asString());
        assertThat(claims.path("roles").get(0).asString()).isEqualTo("OPERATOR");
        assertThat(claims.has("contractId")).isFalse();

        assertProblem(
                post(
                        "/api/v1/tokens",
                        Map.of("realm", "admin", "contractId", contract, "adminId", "A001", "password", "nope")),
                401,
                "UNAUTHENTICATED");
    }

    @Test
    void fiveWrongPasswordsLockTheSixthRightOneGets423AndAnUnlockEventOpensIt() throws Exception {
        String contract = unique("C");
        registerUser(contract, "U002", null, "Right-Pass-42");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U002", "Right-Pass-42")
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(userLogon(contract, "U002", "wrong-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(userLogon(contract, "U002", "Right-Pass-42"), 423, "LOCKED");
        assertProblem(userLogon(contract, "U002", "wrong-6"), 423, "LOCKED");

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            probe.awaitEvent("io.inkan.AccountLocked.v1", "\"accountId\":\"U002\"", WAIT);

            publish(new AccountUnlockRequested(Realm.USER, contract, "U002", "A001", CLOCK.instant()));

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(userLogon(contract, "U002", "Right-Pass-42")
                                    .getResponse()
                                    .getStatus())
                            .isEqualTo(200));
            probe.awaitEvent("io.inkan.AccountUnlocked.v1", contract + "\"", WAIT);
        }
    }

    @Test
    void aSealedPasswordForAnotherKeyGoesToTheDeadLetterTopicAndRegistersNobody() throws Exception {
        String contract = unique("C");
        var otherKey = io.inkan.testsupport.Csrs.rsa(3072);
        var otherCertificate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                                new org.bouncycastle.asn1.x500.X500Name("CN=not auth-service"),
                                java.math.BigInteger.TEN,
                                java.util.Date.from(CLOCK.instant().minusSeconds(60)),
                                java.util.Date.from(CLOCK.instant().plusSeconds(86400)),
                                new org.bouncycastle.asn1.x500.X500Name("CN=not auth-service"),
                                otherKey.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                .build(otherKey.getPrivate())));

        try (TopicProbe probe = new TopicProbe(brokers, Topics.deadLetter(Topics.ADMIN))) {
            publish(new UserRegistered(
                    contract,
                    "U004",
                    "x",
                    "x@example.jp",
                    "ja",
                    null,
                    io.inkan.auth.testing.Envelopes.seal("Lost-Pass-1", otherCertificate),
                    "A001",
                    CLOCK.instant()));

            var dead = probe.awaitEvent("io.inkan.UserRegistered.v1", contract, WAIT);
            String reason = TopicProbe.header(dead, "kafka_dlt-exception-message");
            assertThat(reason).contains("sealed value cannot be opened").doesNotContain("Lost-Pass-1");
        }
        assertProblem(userLogon(contract, "U004", "Lost-Pass-1"), 401, "UNAUTHENTICATED");
    }

    @Test
    void badRequestsAreProblemsWithStableCodes() throws Exception {
        assertProblem(post("/api/v1/tokens", Map.of("realm", "wizard", "password", "x")), 400, "VALIDATION_FAILED");
        assertProblem(
                post("/api/v1/tokens", Map.of("realm", "user", "contractId", "C1", "password", "x")),
                400,
                "VALIDATION_FAILED");
        // A user body naming nobody is certificate logon, which plain HTTP cannot prove; a certificate
        // in the body proves nothing either: both are refused like a wrong password (CertificateLogonOverTlsIT).
        assertProblem(post("/api/v1/tokens", Map.of("realm", "user", "password", "x")), 401, "UNAUTHENTICATED");
        assertProblem(
                post("/api/v1/tokens", Map.of("realm", "user", "certificate", "garbage", "password", "x")),
                401,
                "UNAUTHENTICATED");
        assertProblem(get("/api/v1/certificate-requests/" + java.util.UUID.randomUUID()), 404, "NOT_FOUND");
    }

    @Test
    void anUnknownRouteIsAProblem404WithACode() throws Exception {
        MvcResult result = get("/api/v1/no-such-route");

        assertProblem(result, 404, "NOT_FOUND");
        JsonNode problem = json(result);
        assertThat(problem.path("type").asString()).isEqualTo("urn:inkan:problem:not-found");
        assertThat(problem.path("title").asString()).isEqualTo("Not Found");
        assertThat(problem.path("status").asInt()).isEqualTo(404);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/no-such-route");
    }

    @Test
    void aLogonBodyThatDoesNotParseIsRefusedWithoutQuotingThePassword() throws Exception {
        MvcResult result = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/tokens")
                                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                                .content("{\"realm\":\"user\",\"contractId\":\"C1\",\"userId\":\"U1\","
                                        + "\"password\":\"Hunter2-Secret\""))
                .andReturn();

        assertProblem(result, 400, "VALIDATION_FAILED");
        assertThat(result.getResponse().getContentAsString()).doesNotContain("Hunter2-Secret");
    }
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.TlsClient;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The renewal notice (docs/contract.md §4 "Where the user's certificate stands"): a user session's token answer says
 * which certificate the user holds, from when issuance-service renews it and whether the front end should offer
 * 「電子証明書更新」 now. Certificates are issued as issuance-service would, on the real broker; time passes by moving
 * the clock the service reads (ControlledContext).
 */
class RenewalNoticeIT extends ControlledContext {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Sugi-Pass-5120";

    @Test
    void theTokenAnswerOffersTheRenewalFromWhenIssuanceServiceRenewsAndNotTwice() throws Exception {
        String contract = registeredUser("U501", PASSWORD);
        assertThat(json(userLogon(contract, "U501", PASSWORD)).has("certificate"))
                .as("a user who holds no certificate yet")
                .isFalse();

        Instant renewableFrom = CLOCK.instant().plus(Duration.ofHours(1));
        IssuedForTest current = issued(
                contract,
                "U501",
                requestWithPassword(contract, "U501"),
                null,
                false,
                Duration.ofDays(41),
                renewableFrom);

        JsonNode before = block(certificateLogon(current, PASSWORD));
        assertThat(before.path("serialNumber").asString()).isEqualTo(current.serial());
        assertThat(Instant.parse(before.path("notAfter").asString())).isEqualTo(current.notAfter());
        assertThat(Instant.parse(before.path("renewableFrom").asString())).isEqualTo(renewableFrom);
        assertThat(before.path("renewalAvailable").asBoolean())
                .as("before renewableFrom")
                .isFalse();

        CLOCK.advance(Duration.ofHours(1));
        TlsClient.Response opened = certificateLogon(current, PASSWORD);
        assertThat(block(opened).path("renewalAvailable").asBoolean())
                .as("from renewableFrom")
                .isTrue();

        // the user asks for the renewal: while issuance-service decides, a second one is not offered
        KeyPair newKey = Csrs.p256();
        String renewalRequest = json(post(
                        "/api/v1/certificate-requests",
                        Map.of("csr", Csrs.csrPem(newKey)),
                        json(opened).path("accessToken").asString()))
                .path("requestId")
                .asString();
        assertThat(block(certificateLogon(current, PASSWORD))
                        .path("renewalAvailable")
                        .asBoolean())
                .as("a renewal request waits for its answer")
                .isFalse();

        // issuance-service renews; the renewal waits for its first use beside the current certificate
        Instant renewalRenewableFrom = CLOCK.instant().plus(Duration.ofDays(366));
        IssuedForTest renewal = issued(
                contract,
                "U501",
                renewalRequest,
                current.serial(),
                true,
                Duration.ofDays(406),
                renewalRenewableFrom,
                newKey);
        JsonNode waiting = block(certificateLogon(current, PASSWORD));
        assertThat(waiting.path("serialNumber").asString()).isEqualTo(current.serial());
        assertThat(waiting.path("renewalAvailable").asBoolean())
                .as("a renewal waits for its first use")
                .isFalse();

        JsonNode renewed = block(certificateLogon(renewal, PASSWORD));
        assertThat(renewed.path("serialNumber").asString()).isEqualTo(renewal.serial());
        assertThat(Instant.parse(renewed.path("renewableFrom").asString())).isEqualTo(renewalRenewableFrom);
        assertThat(renewed.path("renewalAvailable").asBoolean()).isFalse();
    }

    @Test
    void aCertificateWhoseIssuanceServiceDidNotSayWhenItRenewsOffersNoRenewal() throws Exception {
        String contract = registeredUser("U502", PASSWORD);
        IssuedForTest current =
                issued(contract, "U502", requestWithPassword(contract, "U502"), null, null, Duration.ofDays(10), null);

        JsonNode block = block(certificateLogon(current, PASSWORD));
        assertThat(block.path("serialNumber").asString()).isEqualTo(current.serial());
        assertThat(block.path("renewableFrom").isNull()).isTrue();
        assertThat(block.path("renewalAvailable").asBoolean()).isFalse();
    }

    @Test
    void whileTheAdministratorsReissueIsOpenNoRenewalIsOfferedAndOperatorsGetNoBlock() throws Exception {
        String contract = registeredUser("U503", PASSWORD);
        IssuedForTest current = issued(
                contract,
                "U503",
                requestWithPassword(contract, "U503"),
                null,
                false,
                Duration.ofDays(30),
                CLOCK.instant());
        assertThat(block(certificateLogon(current, PASSWORD))
                        .path("renewalAvailable")
                        .asBoolean())
                .isTrue();

        // 初期化 some time later: the user logs on with ID and password to obtain the reissue's certificate, not a renewal
        CLOCK.advance(Duration.ofMinutes(1));
        publish(new CertificateReissueAuthorized(
                contract, "U503", "AUTH-503", RevocationReason.KEY_COMPROMISE, "A001", CLOCK.instant()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U503", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        JsonNode reissuing = json(userLogon(contract, "U503", PASSWORD)).path("certificate");
        assertThat(reissuing.path("serialNumber").asString()).isEqualTo(current.serial());
        assertThat(reissuing.path("renewalAvailable").asBoolean()).isFalse();

        var operator = post(
                "/api/v1/tokens", Map.of("realm", "operator", "operatorId", "operator", "password", "op-pass-IT-9137"));
        assertThat(operator.getResponse().getStatus()).isEqualTo(200);
        assertThat(json(operator).has("accessToken")).isTrue();
        assertThat(json(operator).has("certificate"))
                .as("an operator's session")
                .isFalse();
    }

    private static JsonNode block(TlsClient.Response logon) {
        assertThat(logon.status()).as(logon.body()).isEqualTo(200);
        JsonNode block = json(logon).path("certificate");
        assertThat(block.isObject()).as(logon.body()).isTrue();
        return block;
    }

    /** A certificate request of a user with no certificate yet, by ID and password. */
    private record Asked(String requestId, KeyPair key) {}

    private Asked requestWithPassword(String contract, String userId) throws Exception {
        KeyPair key = Csrs.p256();
        String requestId = passwordRequest(contract, userId, PASSWORD, key);
        return new Asked(requestId, key);
    }

    private IssuedForTest issued(
            String contract,
            String userId,
            Asked asked,
            String replaces,
            Boolean awaitingFirstUse,
            Duration validFor,
            Instant renewableFrom)
            throws Exception {
        return issued(
                contract, userId, asked.requestId(), replaces, awaitingFirstUse, validFor, renewableFrom, asked.key());
    }

    /** issuance-service's answer to the request, as it publishes it; returns once auth-service applied it. */
    private IssuedForTest issued(
            String contract,
            String userId,
            String requestId,
            String replaces,
            Boolean awaitingFirstUse,
            Duration validFor,
            Instant renewableFrom,
            KeyPair key)
            throws Exception {
        IssuedForTest certificate = issue(key, contract, userId, CLOCK.instant().plus(validFor));
        publish(issuedEvent(
                requestId,
                contract,
                userId,
                replaces == null ? RequestKind.NEW : RequestKind.RENEWAL,
                certificate,
                certificate.pem(),
                replaces,
                CLOCK.instant(),
                awaitingFirstUse,
                renewableFrom,
                null));
        awaitStatus(requestId, "ISSUED");
        return certificate;
    }
}

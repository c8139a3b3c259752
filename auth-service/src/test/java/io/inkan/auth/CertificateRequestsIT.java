package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

class CertificateRequestsIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Momiji-Pass-77";

    private MvcResult request(String contract, String userId, String csr) throws Exception {
        return post(
                "/api/v1/certificate-requests",
                Map.of("contractId", contract, "userId", userId, "password", PASSWORD, "csr", csr));
    }

    private void publishIssued(
            String requestId, String contract, String userId, RequestKind kind, IssuedForTest cert, String replaces) {
        publish(olderIssuedEvent(requestId, contract, userId, kind, cert, replaces, CLOCK.instant()));
    }

    @Test
    void aRequestGoesOutAsCertificateRequestedAndBecomesIssuedWhenTheCertificateIsIssued() throws Exception {
        String contract = registeredUser("U001", PASSWORD);
        KeyPair key = Csrs.p256();

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            MvcResult accepted = request(contract, "U001", Csrs.csrPem(key));

            assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
            String requestId = json(accepted).path("requestId").asString();
            assertThat(json(accepted).path("status").asString()).isEqualTo("PENDING");
            assertThat(accepted.getResponse().getHeader("Location"))
                    .isEqualTo("/api/v1/certificate-requests/" + requestId);
            assertThat(java.util.UUID.fromString(requestId).version()).isEqualTo(4);

            var requested = probe.awaitEvent("io.inkan.CertificateRequested.v1", requestId, WAIT);
            JsonNode event = JSON.readTree(requested.value());
            assertThat(event.path("kind").asString()).isEqualTo("NEW");
            assertThat(event.path("channel").asString())
                    .as("the door it came through, for the issuance mail")
                    .isEqualTo("PASSWORD_LOGON");
            assertThat(event.path("contractId").asString()).isEqualTo(contract);
            assertThat(requested.key()).isEqualTo(contract + ":U001");
            assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                            .path("status")
                            .asString())
                    .isEqualTo("PENDING");

            IssuedForTest cert = issue(key, contract, "U001", CLOCK.instant().plus(Duration.ofDays(365)));
            publishIssued(requestId, contract, "U001", RequestKind.NEW, cert, null);

            awaitStatus(requestId, "ISSUED");
            JsonNode certificate =
                    json(get("/api/v1/certificate-requests/" + requestId)).path("certificate");
            assertThat(certificate.path("serialNumber").asString()).isEqualTo(cert.serial());
            assertThat(certificate.path("sha256Fingerprint").asString()).isEqualTo(cert.fingerprint());
            assertThat(certificate.path("pem").asString()).isEqualTo(cert.pem());
            assertThat(certificate.path("chainPem").asString()).contains("BEGIN CERTIFICATE");
            assertThat(certificate.path("notAfter").asString())
                    .isEqualTo(cert.notAfter().toString());

            // Now the user holds a certificate: ID and password no longer log on; the certificate does.
            assertProblem(userLogon(contract, "U001", PASSWORD), 401, "UNAUTHENTICATED");
            var withCertificate = certificateLogon(cert, PASSWORD);
            assertThat(withCertificate.status()).isEqualTo(200);
            String token = json(withCertificate).path("accessToken").asString();
            assertThat(claims(token).path("cert").asString()).isEqualTo(cert.serial());
            assertProblem(certificateLogon(cert, "wrong"), 401, "UNAUTHENTICATED");

            // A renewal from the certificate session (bearer token) goes out as RENEWAL.
            MvcResult renewal = post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), token);
            assertThat(renewal.getResponse().getStatus()).isEqualTo(202);
            var renewalEvent = probe.awaitEvent(
                    "io.inkan.CertificateRequested.v1",
                    json(renewal).path("requestId").asString(),
                    WAIT);
            assertThat(JSON.readTree(renewalEvent.value()).path("kind").asString())
                    .isEqualTo("RENEWAL");
        }
    }

    @Test
    void aRejectionIsVisibleWithItsReason() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        String requestId = json(request(contract, "U002", Csrs.csrPem(Csrs.p256())))
                .path("requestId")
                .asString();

        publish(new CertificateRejected(
                requestId, contract, "U002", RejectionReason.NOT_AUTHORIZED, "no authorization", CLOCK.instant()));

        awaitStatus(requestId, "REJECTED");
        assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                        .path("reason")
                        .asString())
                .isEqualTo("NOT_AUTHORIZED");
    }

    @Test
    void aRevokedCertificateNoLongerLogsOnAndIdAndPasswordWorkAgainAfterAReissue() throws Exception {
        String contract = registeredUser("U003", PASSWORD);
        KeyPair key = Csrs.p256();
        String requestId = json(request(contract, "U003", Csrs.csrPem(key)))
                .path("requestId")
                .asString();
        IssuedForTest cert = issue(key, contract, "U003", CLOCK.instant().plus(Duration.ofDays(365)));
        publishIssued(requestId, contract, "U003", RequestKind.NEW, cert, null);
        awaitStatus(requestId, "ISSUED");
        assertThat(certificateLogon(cert, PASSWORD).status()).isEqualTo(200);

        publish(new CertificateReissueAuthorized(
                contract, "U003", "AUTH-1", RevocationReason.KEY_COMPROMISE, "A001", CLOCK.instant()));
        publish(new CertificateRevoked(
                cert.serial(), contract, "U003", RevocationReason.KEY_COMPROMISE, CLOCK.instant()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertProblem(certificateLogon(cert, PASSWORD), 401, "UNAUTHENTICATED"));
        assertThat(userLogon(contract, "U003", PASSWORD).getResponse().getStatus())
                .isEqualTo(200);

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            String reissue = json(request(contract, "U003", Csrs.csrPem(Csrs.p256())))
                    .path("requestId")
                    .asString();
            var event = probe.awaitEvent("io.inkan.CertificateRequested.v1", reissue, WAIT);
            // What the customer asked for, with ID and password; issuance-service decides it issues a reissue.
            assertThat(JSON.readTree(event.value()).path("kind").asString()).isEqualTo("NEW");
        }
    }

    @Test
    void theFirstLogonWithARenewalActivatesItAndRetiresTheOldCertificate() throws Exception {
        String contract = registeredUser("U004", PASSWORD);
        KeyPair oldKey = Csrs.p256();
        String first = json(request(contract, "U004", Csrs.csrPem(oldKey)))
                .path("requestId")
                .asString();
        IssuedForTest old = issue(oldKey, contract, "U004", CLOCK.instant().plus(Duration.ofDays(30)));
        publishIssued(first, contract, "U004", RequestKind.NEW, old, null);
        awaitStatus(first, "ISSUED");

        String token = json(certificateLogon(old, PASSWORD)).path("accessToken").asString();
        KeyPair newKey = Csrs.p256();
        String second = json(post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(newKey)), token))
                .path("requestId")
                .asString();
        IssuedForTest renewed = issue(newKey, contract, "U004", CLOCK.instant().plus(Duration.ofDays(395)));
        publishIssued(second, contract, "U004", RequestKind.RENEWAL, renewed, old.serial());
        awaitStatus(second, "ISSUED");

        // Until the renewal is used, the old certificate still logs on (an uninstalled renewal locks nobody out).
        assertThat(certificateLogon(old, PASSWORD).status()).isEqualTo(200);

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            assertThat(certificateLogon(renewed, PASSWORD).status()).isEqualTo(200);

            var activated = probe.awaitEvent("io.inkan.CertificateActivated.v1", renewed.serial(), WAIT);
            assertThat(JSON.readTree(activated.value())
                            .path("replacesSerialNumber")
                            .asString())
                    .isEqualTo(old.serial());
        }
        assertProblem(certificateLogon(old, PASSWORD), 401, "UNAUTHENTICATED");
        assertThat(certificateLogon(renewed, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anExpiredCertificateNoLongerLogsOnAndIdAndPasswordThenAskForARenewal() throws Exception {
        String contract = registeredUser("U005", PASSWORD);
        KeyPair key = Csrs.p256();
        String requestId = json(request(contract, "U005", Csrs.csrPem(key)))
                .path("requestId")
                .asString();
        // Valid for ten more minutes of the test clock.
        IssuedForTest cert = issue(key, contract, "U005", CLOCK.instant().plus(Duration.ofMinutes(10)));
        publishIssued(requestId, contract, "U005", RequestKind.NEW, cert, null);
        awaitStatus(requestId, "ISSUED");
        assertProblem(userLogon(contract, "U005", PASSWORD), 401, "UNAUTHENTICATED");

        publish(new CertificateExpired(cert.serial(), contract, "U005", cert.notAfter()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U005", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        assertProblem(certificateLogon(cert, PASSWORD), 401, "UNAUTHENTICATED");
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            String renewal = json(request(contract, "U005", Csrs.csrPem(Csrs.p256())))
                    .path("requestId")
                    .asString();
            var event = probe.awaitEvent("io.inkan.CertificateRequested.v1", renewal, WAIT);
            // What the customer asked for, with ID and password; issuance-service decides it renews within the grace.
            assertThat(JSON.readTree(event.value()).path("kind").asString()).isEqualTo("NEW");
        }
    }

    @Test
    void anUnreadableCsrIsRefusedWithInvalidCsr() throws Exception {
        String contract = registeredUser("U006", PASSWORD);

        assertProblem(
                request(
                        contract,
                        "U006",
                        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"),
                400,
                "INVALID_CSR");
        assertProblem(
                post(
                        "/api/v1/certificate-requests",
                        Map.of(
                                "contractId",
                                contract,
                                "userId",
                                "U006",
                                "password",
                                "wrong",
                                "csr",
                                Csrs.csrPem(Csrs.p256()))),
                401,
                "UNAUTHENTICATED");
        assertProblem(
                post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), "not-a-jwt"),
                401,
                "UNAUTHENTICATED");
    }
}

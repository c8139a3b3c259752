package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.TlsClient;
import io.inkan.auth.tls.PresentedCertificates;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;

/**
 * Certificate logon proves possession of the key (docs/contract.md §4), shown as the attacks it stops. A
 * certificate is public: it travels in every handshake and issuance-service hands out its PEM. So the
 * attacker here always has the victim's certificate and, to show that the certificate alone is what
 * is refused, the victim's password too. Real server, real TLS handshakes, real clients.
 */
class CertificateLogonOverTlsIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Kaede-Pass-31";

    @Value("${local.server.port}")
    private int plainPort;

    /** A user of a new contract holding an ACTIVE certificate that auth-service learnt from CertificateIssued. */
    private record Customer(String contract, String userId, IssuedForTest certificate) {}

    private Customer customer(String userId) throws Exception {
        String contract = registeredUser(userId, PASSWORD);
        KeyPair key = Csrs.p256();
        String requestId = passwordRequest(contract, userId, PASSWORD, key);
        // the older form of the event: no first-use wait, no renewableFrom, no authorization
        IssuedForTest certificate =
                answerWithCertificate(requestId, key, contract, userId, RequestKind.NEW, null, null, null, null);
        return new Customer(contract, userId, certificate);
    }

    private TlsClient.Response wrongPassword(Customer customer) throws Exception {
        return certificateLogon(customer.certificate(), "not-the-password");
    }

    private TlsClient.Response plainHttp(String body, Map<String, String> headers) throws Exception {
        // plain HTTP to the real server's plain port, as a front end without TLS would call it
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var request = java.net.http.HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + plainPort + "/api/v1/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new TlsClient.Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        }
    }

    private static String pemInBody(Customer customer) {
        return JSON.writeValueAsString(
                Map.of("realm", "user", "certificate", customer.certificate().pem(), "password", PASSWORD));
    }

    @Test
    void mutualTlsWithTheCustomersOwnKeyOpensACertificateSessionThatCanAskForARenewal() throws Exception {
        Customer customer = customer("U101");

        TlsClient.Response logon = certificateLogon(customer.certificate(), PASSWORD);

        assertThat(logon.status()).as(logon.body()).isEqualTo(200);
        String token = json(logon).path("accessToken").asString();
        JsonNode claims = claims(token);
        assertThat(claims.path("sub").asString()).isEqualTo("U101");
        assertThat(claims.path("contractId").asString()).isEqualTo(customer.contract());
        assertThat(claims.path("cert").asString())
                .isEqualTo(customer.certificate().serial());
        MvcResult renewal = post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), token);
        assertThat(renewal.getResponse().getStatus())
                .as(renewal.getResponse().getContentAsString())
                .isEqualTo(202);
        assertProblem(wrongPassword(customer), 401, "UNAUTHENTICATED");
    }

    @Test
    void aCertificatePemInTheBodyOpensNoSessionOnEitherPort() throws Exception {
        Customer victim = customer("U102");
        String refusal = wrongPassword(victim).body();

        TlsClient.Response plain = plainHttp(pemInBody(victim), Map.of());
        TlsClient.Response overTls = TlsClient.withoutCertificate(tlsEndpoint.serverCertificate())
                .post(tlsUri("/api/v1/tokens"), pemInBody(victim), Map.of());
        // even beside a handshake that proved another certificate, a PEM in the body is no logon
        Customer attacker = customer("U103");
        TlsClient.Response besideAnotherCertificate = TlsClient.presenting(
                        attacker.certificate().key().getPrivate(),
                        attacker.certificate().certificate(),
                        tlsEndpoint.serverCertificate())
                .post(tlsUri("/api/v1/tokens"), pemInBody(victim), Map.of());

        for (TlsClient.Response response : List.of(plain, overTls, besideAnotherCertificate)) {
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.body())
                    .as("the same answer as a wrong password")
                    .isEqualTo(refusal);
        }
        assertThat(certificateLogon(victim.certificate(), PASSWORD).status())
                .as("the victim's own mutual TLS logon still works")
                .isEqualTo(200);
    }

    @Test
    void theVictimsCertificatePresentedWithoutItsKeyFailsTheHandshake() throws Exception {
        Customer victim = customer("U104");
        KeyPair attackersKey = Csrs.p256(); // same curve, so the client signs without complaint

        TlsClient impostor = TlsClient.presenting(
                attackersKey.getPrivate(), victim.certificate().certificate(), tlsEndpoint.serverCertificate());

        // The server checks the handshake's CertificateVerify signature against the certificate's public
        // key; the attacker's signature does not verify, so the connection dies before any HTTP.
        assertThatThrownBy(() -> impostor.post(tlsUri("/api/v1/tokens"), userBody(PASSWORD), Map.of()))
                .isInstanceOf(IOException.class);
        assertThat(certificateLogon(victim.certificate(), PASSWORD).status())
                .as("the same certificate with its key logs on")
                .isEqualTo(200);
    }

    @Test
    void aListedFrontEndVouchesForTheCustomersCertificateWithClientCert() throws Exception {
        Customer customer = customer("U105");
        TlsClient frontEnd = TlsClient.presenting(
                TRUSTED_FRONT_END_KEY.getPrivate(), TRUSTED_FRONT_END, tlsEndpoint.serverCertificate());

        TlsClient.Response logon = frontEnd.post(
                tlsUri("/api/v1/tokens"),
                userBody(PASSWORD),
                Map.of(
                        PresentedCertificates.CLIENT_CERT_HEADER,
                        TlsClient.clientCertHeader(customer.certificate().certificate())));

        assertThat(logon.status()).as(logon.body()).isEqualTo(200);
        JsonNode claims = claims(json(logon).path("accessToken").asString());
        assertThat(claims.path("sub").asString()).isEqualTo("U105");
        assertThat(claims.path("contractId").asString()).isEqualTo(customer.contract());
        assertThat(claims.path("cert").asString())
                .isEqualTo(customer.certificate().serial());
        // the front end itself is no customer: without a Client-Cert it opens no session
        assertProblem(frontEnd.post(tlsUri("/api/v1/tokens"), userBody(PASSWORD), Map.of()), 401, "UNAUTHENTICATED");
    }

    @Test
    void anUnlistedTlsClientSendingClientCertIsRefusedEvenIfItIsACustomerItself() throws Exception {
        Customer victim = customer("U106");
        Customer attacker = customer("U107");
        String refusal = wrongPassword(victim).body();
        TlsClient attackersPc = TlsClient.presenting(
                attacker.certificate().key().getPrivate(),
                attacker.certificate().certificate(),
                tlsEndpoint.serverCertificate());
        KeyPair selfMadeKey = Csrs.p256();
        // a front end's name, but its own certificate is not the listed one
        TlsClient selfMadeFrontEnd = TlsClient.presenting(
                selfMadeKey.getPrivate(),
                TlsClient.selfSigned(selfMadeKey, "front end of the bank"),
                tlsEndpoint.serverCertificate());
        Map<String, String> vouchingForVictim = Map.of(
                PresentedCertificates.CLIENT_CERT_HEADER,
                TlsClient.clientCertHeader(victim.certificate().certificate()));

        List<TlsClient.Response> refused = new ArrayList<>();
        refused.add(attackersPc.post(tlsUri("/api/v1/tokens"), userBody(PASSWORD), vouchingForVictim));
        refused.add(selfMadeFrontEnd.post(tlsUri("/api/v1/tokens"), userBody(PASSWORD), vouchingForVictim));

        for (TlsClient.Response response : refused) {
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.body()).isEqualTo(refusal);
        }
        assertThat(attackersPc
                        .post(tlsUri("/api/v1/tokens"), userBody(PASSWORD), Map.of())
                        .status())
                .as("without the header the attacker's PC logs on as the attacker")
                .isEqualTo(200);
    }

    @Test
    void clientCertOverPlainHttpOrWithoutAClientCertificateIsRefused() throws Exception {
        Customer victim = customer("U108");
        String refusal = wrongPassword(victim).body();
        Map<String, String> vouchingForVictim = Map.of(
                PresentedCertificates.CLIENT_CERT_HEADER,
                TlsClient.clientCertHeader(victim.certificate().certificate()));

        TlsClient.Response plain = plainHttp(userBody(PASSWORD), vouchingForVictim);
        TlsClient.Response tlsWithoutClientCertificate = TlsClient.withoutCertificate(tlsEndpoint.serverCertificate())
                .post(tlsUri("/api/v1/tokens"), userBody(PASSWORD), vouchingForVictim);
        MvcResult mock = mvc.perform(MockMvcRequestBuilders.post("/api/v1/tokens")
                        .contentType("application/json")
                        .header(
                                PresentedCertificates.CLIENT_CERT_HEADER,
                                vouchingForVictim.values().iterator().next())
                        .content(userBody(PASSWORD)))
                .andReturn();

        for (TlsClient.Response response : List.of(plain, tlsWithoutClientCertificate)) {
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.body()).isEqualTo(refusal);
        }
        assertProblem(mock, 401, "UNAUTHENTICATED");
    }

    @Test
    void aRevokedCertificateOverMutualTlsIsRefused() throws Exception {
        Customer customer = customer("U109");
        assertThat(certificateLogon(customer.certificate(), PASSWORD).status()).isEqualTo(200);

        publish(new CertificateRevoked(
                customer.certificate().serial(),
                customer.contract(),
                "U109",
                RevocationReason.KEY_COMPROMISE,
                CLOCK.instant()));

        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertProblem(certificateLogon(customer.certificate(), PASSWORD), 401, "UNAUTHENTICATED"));
    }

    @Test
    void curlWithTheCustomersPkcs12LogsOnAndWithoutItIsRefused() throws Exception {
        Path curl = Path.of("/usr/bin/curl");
        Assumptions.assumeTrue(Files.isExecutable(curl), "curl is not installed");
        Customer customer = customer("U110");
        Path dir = Files.createTempDirectory("curl-mtls");
        // a PKCS#12 as `inkan request` writes it, used as the README shows
        Path pkcs12 = dir.resolve("cert.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "inkan", customer.certificate().key().getPrivate(), "p12-pass".toCharArray(), new Certificate[] {
                    customer.certificate().certificate()
                });
        try (var out = Files.newOutputStream(pkcs12)) {
            store.store(out, "p12-pass".toCharArray());
        }
        Path server = Files.writeString(dir.resolve("server.pem"), Csrs.pem(tlsEndpoint.serverCertificate()));

        List<String> withKey =
                curl(curl, "--cert-type", "P12", "--cert", pkcs12 + ":p12-pass", "--cacert", server.toString());
        List<String> withoutKey = curl(curl, "--cacert", server.toString());

        assertThat(withKey.getLast()).as(String.join("\n", withKey)).isEqualTo("200");
        assertThat(withKey.getFirst()).contains("\"accessToken\"");
        assertThat(withoutKey.getLast()).as(String.join("\n", withoutKey)).isEqualTo("401");
    }

    /** {@code curl ... https://127.0.0.1:<tls port>/api/v1/tokens}; the body's lines, then the status. */
    private List<String> curl(Path curl, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "-sS", "--max-time", "20"));
        command.addAll(List.of(options));
        command.addAll(List.of(
                "-H",
                "Content-Type: application/json",
                "--data-binary",
                userBody(PASSWORD),
                "-w",
                "\n%{http_code}",
                tlsUri("/api/v1/tokens").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines()
                .toList();
    }
}

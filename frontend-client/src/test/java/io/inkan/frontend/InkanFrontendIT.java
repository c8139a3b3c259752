package io.inkan.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequestRefused;
import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.EventCodec;
import io.inkan.events.RefusalReason;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client against a real broker, with the test playing auth-service and issuance-service. */
@EmbeddedKafka(
        partitions = 2,
        topics = {Topics.ADMIN, Topics.FRONTEND_REQUESTS, Topics.AUTH, Topics.ISSUANCE, Topics.NOTIFICATION})
class InkanFrontendIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final EventCodec CODEC = new EventCodec();

    private static String bootstrap;
    private static FakeAuthService auth;
    private static InkanFrontend client;
    private static TopicProbe submissions;

    @BeforeAll
    static void start(EmbeddedKafkaBroker broker) throws Exception {
        bootstrap = broker.getBrokersAsString();
        auth = new FakeAuthService(bootstrap);
        client = InkanFrontend.builder()
                .bootstrapServers(bootstrap)
                .authUrl(auth.url())
                .timeout(Duration.ofSeconds(30))
                .build();
        submissions = new TopicProbe(bootstrap, Topics.FRONTEND_REQUESTS);
    }

    @AfterAll
    static void stop() {
        client.close();
        submissions.close();
        auth.close();
    }

    @Test
    void aSubmissionSealsTheCredentialsForAuthServiceAndCompletesWithTheIssuedCertificate() throws Exception {
        String requestId = InkanFrontend.newRequestId();
        char[] password = "correct horse 1".toCharArray();
        Credentials credentials = Credentials.ofUser("C001", "U001", password);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        CompletableFuture<Outcome> outcome = client.submit(requestId, credentials, Csrs.csrPem(Csrs.p256()));
        credentials.clear(); // the submission holds its own copy

        ConsumerRecord<String, byte[]> record = submissions.await(r -> requestId.equals(r.key()), WAIT);
        assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("io.inkan.CertificateRequestSubmitted.v1");
        assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/frontend-client");
        assertThat(TopicProbe.header(record, "ce_subject")).isEqualTo(requestId);
        assertThat(TopicProbe.header(record, "content-type")).isEqualTo("application/json");
        assertThat(UUID.fromString(TopicProbe.header(record, "ce_id"))).isNotNull();
        assertThat(Instant.parse(TopicProbe.header(record, "ce_time"))).isAfterOrEqualTo(before);
        assertThat(TopicProbe.value(record)).doesNotContain("correct horse 1");

        CertificateRequestSubmitted submitted =
                CODEC.decode(CertificateRequestSubmitted.class, TopicProbe.value(record));
        assertThat(submitted.requestId()).isEqualTo(requestId);
        assertThat(submitted.csrPem()).contains("BEGIN CERTIFICATE REQUEST");
        JsonNode sealed = auth.open(submitted.sealedCredentials());
        assertThat(sealed.get("requestId").asString()).isEqualTo(requestId);
        assertThat(sealed.get("contractId").asString()).isEqualTo("C001");
        assertThat(sealed.get("userId").asString()).isEqualTo("U001");
        assertThat(sealed.get("password").asString()).isEqualTo("correct horse 1");
        assertThat(sealed.has("loginId")).isFalse();
        assertThat(Instant.parse(sealed.get("sealedAt").asString()))
                .isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(outcome).isNotDone();

        String certificatePem = Csrs.pem(FakeAuthService.selfSigned(Csrs.p256()));
        Instant notAfter = Instant.parse("2027-04-01T00:00:00Z");
        auth.publish(new CertificateIssued(
                requestId,
                "C001",
                "U001",
                RequestKind.NEW,
                "8f3a01",
                "CN=C001U001",
                "CN=Inkan Issuing CA",
                Instant.parse("2026-04-01T00:00:00Z"),
                notAfter,
                "ab".repeat(32),
                certificatePem,
                "-----BEGIN CERTIFICATE-----\nchain\n-----END CERTIFICATE-----\n",
                null,
                Instant.now()));

        Outcome result = outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(Outcome.Issued.class);
        Outcome.Issued issued = (Outcome.Issued) result;
        assertThat(issued.requestId()).isEqualTo(requestId);
        assertThat(issued.serialNumber()).isEqualTo("8f3a01");
        assertThat(issued.pem()).isEqualTo(certificatePem);
        assertThat(issued.chainPem()).contains("chain");
        assertThat(issued.notAfter()).isEqualTo(notAfter);
        assertThat(issued.kind()).isEqualTo("NEW");
    }

    @Test
    void aRefusalByAuthServiceCompletesTheSubmissionWithItsReason() throws Exception {
        CompletableFuture<Outcome> outcome =
                client.submit(Credentials.ofLoginId("taro.yamada", "wrong".toCharArray()), Csrs.csrPem(Csrs.p256()));

        // auth-service knows the request only from inside the envelope
        ConsumerRecord<String, byte[]> record =
                submissions.await(r -> loginIdOf(r).equals("taro.yamada"), WAIT);
        JsonNode sealed = auth.open(sealedCredentials(record));
        assertThat(sealed.has("contractId")).isFalse();
        assertThat(sealed.get("password").asString()).isEqualTo("wrong");
        String requestId = sealed.get("requestId").asString();
        assertThat(record.key()).isEqualTo(requestId);

        auth.publish(
                new CertificateRequestRefused(requestId, null, null, RefusalReason.UNAUTHENTICATED, Instant.now()));

        assertThat(outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(new Outcome.Refused(requestId, "UNAUTHENTICATED"));
    }

    @Test
    void theSealingCertificateIsFetchedOncePerClient() throws Exception {
        try (InkanFrontend fresh = InkanFrontend.builder()
                .bootstrapServers(bootstrap)
                .authUrl(auth.url())
                .build()) {
            int before = auth.certificateFetches.get();
            for (int i = 0; i < 2; i++) {
                String requestId = InkanFrontend.newRequestId();
                fresh.submit(
                        requestId, Credentials.ofUser("C006", "U00" + i, "pw".toCharArray()), Csrs.csrPem(Csrs.p256()));
                submissions.await(r -> requestId.equals(r.key()), WAIT);
            }
            assertThat(auth.certificateFetches.get() - before).isEqualTo(1);
        }
    }

    @Test
    void aRejectionByIssuanceServiceCompletesTheSubmissionWithItsReason() throws Exception {
        String requestId = InkanFrontend.newRequestId();
        CompletableFuture<Outcome> outcome = client.submit(
                requestId, Credentials.ofUser("C002", "U009", "pw".toCharArray()), Csrs.csrPem(Csrs.p256()));
        submissions.await(r -> requestId.equals(r.key()), WAIT);

        // another request's outcome must not complete this one
        auth.publish(new CertificateRejected(
                InkanFrontend.newRequestId(), "C002", "U009", RejectionReason.WEAK_KEY, null, Instant.now()));
        auth.publish(new CertificateRejected(
                requestId, "C002", "U009", RejectionReason.NOT_AUTHORIZED, "no authorization", Instant.now()));

        assertThat(outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo(new Outcome.Rejected(requestId, "NOT_AUTHORIZED", "no authorization"));
    }

    @Test
    void withoutAnOutcomeTheSubmissionTimesOut() throws Exception {
        try (InkanFrontend impatient = InkanFrontend.builder()
                .bootstrapServers(bootstrap)
                .authUrl(auth.url())
                .timeout(Duration.ofSeconds(3))
                .build()) {
            String requestId = InkanFrontend.newRequestId();
            CompletableFuture<Outcome> outcome = impatient.submit(
                    requestId, Credentials.ofUser("C003", "U001", "pw".toCharArray()), Csrs.csrPem(Csrs.p256()));
            submissions.await(r -> requestId.equals(r.key()), WAIT);

            assertThatThrownBy(() -> outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TimeoutException.class)
                    .hasMessageContaining(requestId);
        }
    }

    @Test
    void anUnreachableAuthServiceFailsTheSubmission() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (InkanFrontend cut = InkanFrontend.builder()
                .bootstrapServers(bootstrap)
                .authUrl("http://127.0.0.1:" + closedPort)
                .timeout(Duration.ofSeconds(10))
                .build()) {
            CompletableFuture<Outcome> outcome =
                    cut.submit(Credentials.ofUser("C004", "U001", "pw".toCharArray()), Csrs.csrPem(Csrs.p256()));

            assertThatThrownBy(() -> outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(FrontendUnavailableException.class)
                    .hasMessageContaining("auth-service is not reachable");
        }
    }

    @Test
    void opensslOpensTheEnvelope(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        String requestId = InkanFrontend.newRequestId();
        client.submit(requestId, Credentials.ofUser("C005", "U001", "パスワード1".toCharArray()), Csrs.csrPem(Csrs.p256()));
        ConsumerRecord<String, byte[]> record = submissions.await(r -> requestId.equals(r.key()), WAIT);

        Path envelope =
                Files.write(dir.resolve("sealed.der"), Base64.getDecoder().decode(sealedCredentials(record)));
        Path key = Files.writeString(
                dir.resolve("key.pem"), pkcs8Pem(auth.keys.getPrivate().getEncoded()));
        Path certificate = Files.writeString(dir.resolve("cert.pem"), Csrs.pem(auth.certificate));
        Process openssl = new ProcessBuilder(
                        "/usr/bin/openssl",
                        "cms",
                        "-decrypt",
                        "-inform",
                        "DER",
                        "-in",
                        envelope.toString(),
                        "-inkey",
                        key.toString(),
                        "-recip",
                        certificate.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();

        JsonNode opened = JsonMapper.builder().build().readTree(output);
        assertThat(opened.get("requestId").asString()).isEqualTo(requestId);
        assertThat(opened.get("password").asString()).isEqualTo("パスワード1");
    }

    private static String sealedCredentials(ConsumerRecord<String, byte[]> record) {
        return CODEC.decode(CertificateRequestSubmitted.class, TopicProbe.value(record))
                .sealedCredentials();
    }

    private static String loginIdOf(ConsumerRecord<String, byte[]> record) {
        try {
            JsonNode sealed = auth.open(sealedCredentials(record));
            return sealed.has("loginId") ? sealed.get("loginId").asString() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static String pkcs8Pem(byte[] der) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }
}

package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.testsupport.MutableClock;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import io.inkan.testsupport.TestTokens;
import io.inkan.testsupport.TopicProbe;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of issuance-service's ITs: the real service on a real port, a real broker (embedded KRaft
 * Kafka) and a fresh PostgreSQL database; events go in as auth-service and admin-service would publish them, tokens
 * come from {@link TestTokens} (whose JWKS the service fetches over HTTP, as it would auth-service's). The clock
 * stands still until a test moves it; tests that move it by months say so. Subclasses add no configuration, so the
 * context is built once.
 */
@SpringBootTest(
        classes = {IssuanceServiceApplication.class, IssuanceServiceIT.FixedClock.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "server.port=0",
            "inkan.messaging.partitions=2",
            "inkan.issuance.scan-interval=PT0.2S",
            "inkan.issuance.url=http://issuance.inkan.test",
            // the CA is generated into the test's database, wrapped by this key, as in production by default
            TestKeys.ENCRYPTION_KEY_PROPERTY + "=" + TestKeys.ENCRYPTION_KEY
        })
// The outbox stamps records with the (test) clock's time, which these tests move by months; the broker must accept it.
@EmbeddedKafka(
        partitions = 2,
        brokerProperties = {"log.message.timestamp.after.max.ms=3153600000000"})
abstract class IssuanceServiceIT {
    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    static final Duration WAIT = Duration.ofSeconds(30);
    static final EventCodec CODEC = new EventCodec();
    static final TestTokens TOKENS = TestTokens.get();
    static TopicProbe issuanceEvents;
    private static KafkaProducer<String, byte[]> producer;

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String url = Postgres.freshDatabase("issuance_it");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> Postgres.USER);
        registry.add("spring.datasource.password", () -> Postgres.PASSWORD);
        Path dataDir = Files.createTempDirectory("inkan-issuance-it");
        registry.add("inkan.data-dir", dataDir::toString);
        registry.add("inkan.auth.url", TOKENS::url);
    }

    /**
     * This context's own broker. Not {@code ${spring.embedded.kafka.brokers}}: every embedded broker started in this JVM
     * (another test class's) overwrites that system property and leaves it behind, so a test class that reuses this
     * cached context would publish to a broker that is gone.
     */
    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    String brokers;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        brokers = embeddedKafka.getBrokersAsString();
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(),
                    new ByteArraySerializer());
            issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE);
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            issuanceEvents.close();
            producer = null;
            issuanceEvents = null;
        }
    }

    // --- events in, outcomes out ------------------------------------------------------------------------------------

    static String user() {
        return "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    void authorize(String user) {
        authorize("C001", user);
    }

    void authorize(String contractId, String user) {
        publish(new IssuanceAuthorized(contractId, user, UUID.randomUUID().toString(), "admin1", CLOCK.instant()));
    }

    String request(String user, RequestKind kind, String csrPem) {
        return request("C001", user, kind, csrPem);
    }

    String request(String contractId, String user, RequestKind kind, String csrPem) {
        String requestId = UUID.randomUUID().toString();
        publish(new CertificateRequested(requestId, contractId, user, kind, csrPem, CLOCK.instant()));
        return requestId;
    }

    void publish(InkanEvent event) {
        publish(event, UUID.randomUUID().toString());
    }

    void publish(InkanEvent event, String ceId) {
        var record = new ProducerRecord<String, byte[]>(Topics.of(event), event.key(), CODEC.encode(event));
        record.headers().add(CloudEventHeaders.TYPE, bytes(EventTypes.nameOf(event)));
        record.headers().add(CloudEventHeaders.ID, bytes(ceId));
        send(record);
    }

    void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot publish " + record, e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static CertificateIssued awaitIssued(String requestId) {
        return CODEC.decode(
                CertificateIssued.class,
                TopicProbe.value(
                        issuanceEvents.awaitEvent(EventTypes.nameOf(CertificateIssued.class), requestId, WAIT)));
    }

    static CertificateRejected awaitRejected(String requestId) {
        return CODEC.decode(
                CertificateRejected.class,
                TopicProbe.value(
                        issuanceEvents.awaitEvent(EventTypes.nameOf(CertificateRejected.class), requestId, WAIT)));
    }

    String requestStatus(String requestId) {
        return jdbc.sql("SELECT status FROM certificate_request WHERE request_id = ?")
                .param(requestId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    // --- HTTP ---------------------------------------------------------------------------------------------------

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> get(String path) {
        return get(path, null);
    }

    /** A GET with {@code Authorization: Bearer token} (none when {@code token} is null). */
    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The certificate read as the bank's operator, who may read any. */
    HttpResponse<String> certificateAsOperator(String serialNumber) {
        return get("/api/v1/certificates/" + serialNumber, TOKENS.operator("operator", CLOCK.instant()));
    }

    HttpResponse<byte[]> postOcsp(byte[] body) {
        try {
            return http.send(
                    HttpRequest.newBuilder(url("/ocsp"))
                            .header("Content-Type", "application/ocsp-request")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An RFC 6960 request for these certificates of {@code issuing}, with SHA-1 CertIDs as openssl sends them. */
    static OCSPReq ocspRequest(X509Certificate issuing, X509Certificate... certificates) throws Exception {
        OCSPReqBuilder builder = new OCSPReqBuilder();
        for (X509Certificate certificate : certificates) {
            builder.addRequest(new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(issuing),
                    certificate.getSerialNumber()));
        }
        return builder.build();
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static boolean opensslPresent() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** {@code openssl ocsp} against this service's POST /ocsp: the answer verifies under the chain and says so. */
    void assertOpensslOcspSays(String status, String chainPem, String certificatePem) throws Exception {
        if (!opensslPresent()) {
            return;
        }
        Path dir = Files.createTempDirectory("openssl-ocsp");
        Path chain = Files.writeString(dir.resolve("chain.pem"), chainPem);
        Path issuing = Files.writeString(
                dir.resolve("issuing.pem"),
                chainPem.substring(
                                0, chainPem.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length())
                        + "\n");
        Path certificate = Files.writeString(dir.resolve("user.pem"), certificatePem);
        String output = run(
                "/usr/bin/openssl",
                "ocsp",
                "-issuer",
                issuing.toString(),
                "-cert",
                certificate.toString(),
                "-url",
                url("/ocsp").toString(),
                "-CAfile",
                chain.toString());
        assertThat(output).contains("Response verify OK").contains(certificate + ": " + status);
    }
}

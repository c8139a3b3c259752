package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.auth.testing.TlsClient;
import io.inkan.auth.tls.TlsEndpoint;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.events.UserRegistered;
import io.inkan.testsupport.MutableClock;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring context of auth-service's integration tests: the real service on an embedded Kafka
 * broker (KRaft) and a fresh PostgreSQL database, a data directory of its own and a clock the tests
 * move. Every IT extends this class unchanged, so Spring builds the context once.
 */
@SpringBootTest(
        classes = AuthServiceApplication.class,
        // a real server: certificate logon needs real TLS handshakes on the mutual-TLS port
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "inkan.auth.tls-port=0",
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "inkan.messaging.partitions=2",
            "inkan.messaging.relay-interval=PT0.2S",
            "inkan.operator.id=operator",
            "inkan.operator.password=op-pass-IT-9137",
            TestKeys.ENCRYPTION_KEY_PROPERTY + "=" + TestKeys.ENCRYPTION_KEY
        })
@EmbeddedKafka(partitions = 2)
@AutoConfigureMockMvc
public abstract class IntegrationTestBase {
    protected static final JsonMapper JSON = new JsonMapper();
    protected static final EventCodec CODEC = new EventCodec();
    protected static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final Path DATA_DIR = temporaryDirectory();
    /** A bank front end whose client certificate is listed in {@code inkan.auth.trusted-frontends}. */
    protected static final KeyPair TRUSTED_FRONT_END_KEY = io.inkan.testsupport.Csrs.p256();

    protected static final X509Certificate TRUSTED_FRONT_END =
            TlsClient.selfSigned(TRUSTED_FRONT_END_KEY, "front end of the bank");
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    protected MockMvc mvc;

    /**
     * This context's own broker. Not the {@code spring.embedded.kafka.brokers} system property: that names
     * the broker of whichever context started last, and auth-service's ITs run two contexts.
     */
    protected String brokers;

    @Autowired
    void brokers(EmbeddedKafkaBroker broker) {
        this.brokers = broker.getBrokersAsString();
    }

    @Autowired
    protected TlsEndpoint tlsEndpoint;

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        String url = Postgres.freshDatabase("auth_it");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> Postgres.USER);
        registry.add("spring.datasource.password", () -> Postgres.PASSWORD);
        registry.add("inkan.data-dir", DATA_DIR::toString);
        // listed as operators would paste it: uppercase, colon-separated, beside another front end
        registry.add(
                "inkan.auth.trusted-frontends",
                () -> String.join(",", "AB".repeat(32), colonSeparated(fingerprint(TRUSTED_FRONT_END))));
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("auth-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** Publishes an event as its producer service would: key, JSON value, CloudEvents headers. */
    protected void publish(InkanEvent event) {
        send(Topics.of(event), event.key(), CODEC.encode(event), EventTypes.nameOf(event));
    }

    protected void send(String topic, String key, byte[] value, String type) {
        List<Header> headers = new ArrayList<>();
        headers.add(new RecordHeader(
                CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8)));
        if (type != null) {
            headers.add(new RecordHeader(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            producer()
                    .send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    protected X509Certificate sealingCertificate() throws Exception {
        String pem = mvc.perform(MockMvcRequestBuilders.get("/api/v1/sealing-certificate"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return Envelopes.certificate(pem);
    }

    /** Registers a user in a new contract and waits until auth-service lets it log on; returns the contract. */
    protected String registeredUser(String userId, String password) throws Exception {
        String contract = unique("C");
        registerUser(contract, userId, null, password);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(userLogon(contract, userId, password)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        return contract;
    }

    protected void registerUser(String contractId, String userId, String loginId, String password) throws Exception {
        publish(new UserRegistered(
                contractId,
                userId,
                "山田 太郎",
                "taro@example.jp",
                "ja",
                loginId,
                Envelopes.seal(password, sealingCertificate()),
                "A001",
                CLOCK.instant()));
    }

    protected MvcResult post(String path, Map<String, ?> body) throws Exception {
        return post(path, body, null);
    }

    protected MvcResult post(String path, Map<String, ?> body, String bearer) throws Exception {
        var request = MockMvcRequestBuilders.post(path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return mvc.perform(request).andReturn();
    }

    protected MvcResult get(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path)).andReturn();
    }

    protected static JsonNode json(MvcResult result) throws Exception {
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    /** How long the ITs wait for the service to act on an event: generous, the broker is shared by every IT. */
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    /**
     * A chain issuance-service would send beside the certificate, for tests that never read it (auth-service
     * keeps the chain as given).
     */
    private static final String PLACEHOLDER_CHAIN = "-----BEGIN CERTIFICATE-----\nCHAIN\n-----END CERTIFICATE-----\n";

    /**
     * A user's certificate request by ID and password (no session), the way a user without a certificate asks;
     * returns the request ID. Shared because most certificate ITs start with a user asking for one.
     */
    protected String passwordRequest(String contractId, String userId, String password, KeyPair key) throws Exception {
        return json(post(
                        "/api/v1/certificate-requests",
                        Map.of(
                                "contractId",
                                contractId,
                                "userId",
                                userId,
                                "password",
                                password,
                                "csr",
                                io.inkan.testsupport.Csrs.csrPem(key))))
                .path("requestId")
                .asString();
    }

    /**
     * Waits (polling, with a deadline) until the request shows {@code status}: auth-service learns outcomes from
     * Kafka, so a request's status changes some time after the event is published.
     */
    protected void awaitStatus(String requestId, String status) {
        await().atMost(EVENT_WAIT)
                .untilAsserted(() -> assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                                .path("status")
                                .asString())
                        .isEqualTo(status));
    }

    /**
     * The CertificateIssued issuance-service publishes for {@code certificate}; pass nulls for the fields an older
     * producer left out. Static so {@link Instance}, which is no subclass, builds the same event; one place so
     * that a field added to the event is added here, not in every IT.
     */
    static CertificateIssued issuedEvent(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            IssuedForTest certificate,
            String chainPem,
            String replacesSerialNumber,
            Instant issuedAt,
            Boolean awaitingFirstUse,
            Instant renewableFrom,
            String authorizationId) {
        return new CertificateIssued(
                requestId,
                contractId,
                userId,
                kind,
                certificate.serial(),
                certificate.subject(),
                certificate.issuer(),
                certificate.notBefore(),
                certificate.notAfter(),
                certificate.fingerprint(),
                certificate.pem(),
                chainPem,
                replacesSerialNumber,
                issuedAt,
                awaitingFirstUse,
                renewableFrom,
                authorizationId);
    }

    /**
     * CertificateIssued in the form issuance-service sent before {@code awaitingFirstUse}, {@code renewableFrom}
     * and {@code authorizationId}, with a placeholder chain: what the ITs that only follow a request's status
     * publish (and what an older producer still sends).
     */
    static CertificateIssued olderIssuedEvent(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            IssuedForTest certificate,
            String replacesSerialNumber,
            Instant issuedAt) {
        return issuedEvent(
                requestId,
                contractId,
                userId,
                kind,
                certificate,
                PLACEHOLDER_CHAIN,
                replacesSerialNumber,
                issuedAt,
                null,
                null,
                null);
    }

    /**
     * issuance-service's answer to a request: a certificate for {@code key}, valid a year, published as
     * CertificateIssued; returns once auth-service shows the request ISSUED. Shared by the ITs that need a user
     * holding a certificate learnt the way production learns it. {@code renewableBeforeExpiry} null means the
     * event names no renewableFrom.
     */
    protected IssuedForTest answerWithCertificate(
            String requestId,
            KeyPair key,
            String contractId,
            String userId,
            RequestKind kind,
            String replacesSerialNumber,
            Boolean awaitingFirstUse,
            Duration renewableBeforeExpiry,
            String authorizationId)
            throws Exception {
        IssuedForTest certificate =
                issue(key, contractId, userId, CLOCK.instant().plus(Duration.ofDays(365)));
        publish(issuedEvent(
                requestId,
                contractId,
                userId,
                kind,
                certificate,
                certificate.pem(),
                replacesSerialNumber,
                CLOCK.instant(),
                awaitingFirstUse,
                renewableBeforeExpiry == null ? null : certificate.notAfter().minus(renewableBeforeExpiry),
                authorizationId));
        awaitStatus(requestId, "ISSUED");
        return certificate;
    }

    /** What a caller sees of an answer: status, headers (but the date) and the body. */
    protected record Seen(int status, Map<String, String> headers, String body) {}

    /**
     * The answer as a caller sees it, to compare two answers whole: the ITs that show an unknown or removed ID
     * answers exactly like a wrong password compare these.
     */
    protected static Seen seen(MvcResult result) throws Exception {
        Map<String, String> headers = new TreeMap<>();
        for (String name : result.getResponse().getHeaderNames()) {
            if (!name.equalsIgnoreCase("Date")) {
                headers.put(name, String.join(",", result.getResponse().getHeaders(name)));
            }
        }
        return new Seen(
                result.getResponse().getStatus(),
                headers,
                JSON.readTree(result.getResponse().getContentAsString()).toString());
    }

    protected MvcResult userLogon(String contractId, String userId, String password) throws Exception {
        return post(
                "/api/v1/tokens",
                Map.of("realm", "user", "contractId", contractId, "userId", userId, "password", password));
    }

    /** Certificate logon as the customer's PC does it: mutual TLS with the certificate's own key. */
    protected TlsClient.Response certificateLogon(IssuedForTest certificate, String password) throws Exception {
        return TlsClient.presenting(
                        certificate.key().getPrivate(), certificate.certificate(), tlsEndpoint.serverCertificate())
                .post(tlsUri("/api/v1/tokens"), userBody(password), Map.of());
    }

    protected URI tlsUri(String path) {
        return URI.create("https://127.0.0.1:" + tlsEndpoint.port() + path);
    }

    protected static String userBody(String password) {
        return JSON.writeValueAsString(Map.of("realm", "user", "password", password));
    }

    protected static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String colonSeparated(String hex) {
        return hex.toUpperCase(java.util.Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    /** Claims of a JWT, read without verification (the service's own decoder verifies elsewhere). */
    protected static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload));
    }

    /** A certificate as issuance-service would issue it for a user's key (signed by a throwaway CA). */
    protected static IssuedForTest issue(KeyPair userKey, String contractId, String userId, Instant notAfter)
            throws Exception {
        KeyPair ca = io.inkan.testsupport.Csrs.p256();
        BigInteger serial = new BigInteger(128, new java.security.SecureRandom()).setBit(127);
        X500Name issuer = new X500Name("CN=Test Issuing CA,O=Inkan Bank\\, Ltd.,C=JP");
        X500Name subject = new X500Name("CN=" + contractId + userId + ",O=Inkan Bank\\, Ltd.,C=JP");
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                issuer,
                                serial,
                                Date.from(CLOCK.instant().minusSeconds(60)),
                                Date.from(notAfter),
                                subject,
                                userKey.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
        String fingerprint =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        return new IssuedForTest(
                userKey,
                certificate,
                serial.toString(16),
                subject.toString(),
                issuer.toString(),
                certificate.getNotBefore().toInstant(),
                notAfter.truncatedTo(ChronoUnit.SECONDS),
                fingerprint,
                io.inkan.testsupport.Csrs.pem(certificate));
    }

    protected record IssuedForTest(
            KeyPair key,
            X509Certificate certificate,
            String serial,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String fingerprint,
            String pem) {}

    protected static JsonNode json(TlsClient.Response response) {
        return JSON.readTree(response.body());
    }

    protected static void assertProblem(TlsClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(json(response).path("code").asString()).isEqualTo(code);
    }

    protected static void assertProblem(MvcResult result, int status, String code) throws Exception {
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(json(result).path("code").asString()).isEqualTo(code);
    }
}

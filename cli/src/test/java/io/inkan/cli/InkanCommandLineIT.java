package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRequestRefused;
import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.ExpiryApproaching;
import io.inkan.events.InkanEvent;
import io.inkan.events.RefusalReason;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line against a real broker and small HTTP stand-ins for auth-service and
 * issuance-service: the test plays their parts (the password {@value #RIGHT_PASSWORD} is right, any
 * other is refused), issuing from a test CA and answering OCSP.
 */
@EmbeddedKafka(topics = {Topics.ADMIN, Topics.FRONTEND_REQUESTS, Topics.AUTH, Topics.ISSUANCE, Topics.NOTIFICATION})
class InkanCommandLineIT {
    static final String RIGHT_PASSWORD = "right password";
    private static final EventCodec CODEC = new EventCodec();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TestCa CA = new TestCa();
    private static final KeyPair SEALING_KEYS = Csrs.rsa(3072);
    private static final X509Certificate SEALING = CA.issue(SEALING_KEYS.getPublic(), "CN=auth sealing");
    private static final AtomicReference<CertificateStatus> OCSP_STATUS = new AtomicReference<>();
    private static final Map<String, String> HTTP_REQUESTS = new ConcurrentHashMap<>();

    private static String bootstrap;
    private static String url;
    private static HttpServer http;
    private static KafkaProducer<String, byte[]> producer;
    private static Thread authPlayer;
    private static volatile boolean running = true;

    @BeforeAll
    static void start(EmbeddedKafkaBroker broker) throws Exception {
        bootstrap = broker.getBrokersAsString();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new ByteArraySerializer());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(
                "/api/v1/sealing-certificate",
                exchange -> respond(exchange, 200, "application/x-pem-file", Csrs.pem(SEALING)));
        http.createContext("/api/v1/certificate-requests", InkanCommandLineIT::certificateRequests);
        http.createContext(
                "/ca/chain.pem", exchange -> respond(exchange, 200, "application/x-pem-file", CA.chainPem()));
        http.createContext("/ocsp", exchange -> {
            try {
                byte[] answer = CA.ocspResponse(exchange.getRequestBody().readAllBytes(), OCSP_STATUS.get());
                exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        http.start();
        url = "http://127.0.0.1:" + http.getAddress().getPort();
        authPlayer = new Thread(InkanCommandLineIT::playAuthAndIssuance, "auth-player");
        authPlayer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        running = false;
        authPlayer.join(5_000);
        http.stop(0);
        producer.close(Duration.ofSeconds(2));
    }

    @Test
    void requestOverKafkaWritesTheCertificateTheChainAndAPkcs12ThatVerify(@TempDir Path out) throws Exception {
        OCSP_STATUS.set(CertificateStatus.GOOD);
        Run run = Run.inkan(
                RIGHT_PASSWORD + "\np12-passphrase\n",
                "request",
                "--contract",
                "C001",
                "--user",
                "U001",
                "--bootstrap",
                bootstrap,
                "--auth-url",
                url,
                "--out",
                out.toString(),
                "--timeout",
                "30");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("goes over Kafka");
        assertThat(run.out())
                .contains("Issued certificate", out.resolve("cert.p12").toString());
        X509Certificate certificate = KeyMaterial.certificates(Files.readString(out.resolve("cert.pem")))
                .getFirst();
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=C001U001");
        assertThat(KeyMaterial.certificates(Files.readString(out.resolve("chain.pem"))))
                .containsExactly(CA.issuing, CA.root);
        assertPkcs12HoldsKeyFor(out.resolve("cert.p12"), "p12-passphrase", certificate);

        Run verify = Run.inkan("", "verify", out.resolve("cert.pem").toString(), "--issuance-url", url);
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("chain        valid", "ocsp         good");
    }

    @Test
    void aWrongPasswordOverKafkaIsRefusedWithExit3(@TempDir Path out) {
        Run run = Run.inkan(
                "wrong\np12-passphrase\n",
                "request",
                "--login-id",
                "taro.yamada",
                "--bootstrap",
                bootstrap,
                "--auth-url",
                url,
                "--out",
                out.toString(),
                "--timeout",
                "30");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("refused: UNAUTHENTICATED: wrong ID or password");
        assertThat(out.resolve("cert.p12")).doesNotExist();
    }

    @Test
    void requestOverHttpShowsProgressWhilePendingThenWritesTheFiles(@TempDir Path out) throws Exception {
        Run run = Run.inkan(
                RIGHT_PASSWORD + "\np12-passphrase\n",
                "request",
                "--contract",
                "C001",
                "--user",
                "U002",
                "--via",
                "http",
                "--auth-url",
                url,
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("accepted by auth-service", "PENDING");
        X509Certificate certificate = KeyMaterial.certificates(Files.readString(out.resolve("cert.pem")))
                .getFirst();
        assertPkcs12HoldsKeyFor(out.resolve("cert.p12"), "p12-passphrase", certificate);

        String requestId = HTTP_REQUESTS.keySet().iterator().next();
        Run status = Run.inkan("", "status", requestId, "--auth-url", url);
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains(requestId + "  ISSUED", "serial=");
    }

    @Test
    void aWrongPasswordOverHttpIsRefusedWithExit3(@TempDir Path out) {
        Run run = Run.inkan(
                "wrong\np12-passphrase\n",
                "request",
                "--contract",
                "C001",
                "--user",
                "U003",
                "--via",
                "http",
                "--auth-url",
                url,
                "--out",
                out.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("UNAUTHENTICATED: wrong ID or password");
    }

    @Test
    void verifyReportsARevokedCertificateWithReasonAndTime(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("cert.pem"), Csrs.pem(CA.issue(Csrs.p256().getPublic(), "CN=C001U009")));
        Instant revokedAt = Instant.parse("2026-03-01T10:00:00Z");
        OCSP_STATUS.set(new RevokedStatus(java.util.Date.from(revokedAt), CRLReason.keyCompromise));
        try {
            Run run = Run.inkan("", "verify", file.toString(), "--issuance-url", url);

            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).contains("ocsp         revoked (keyCompromise, 2026-03-01T10:00:00Z)");
        } finally {
            OCSP_STATUS.set(CertificateStatus.GOOD);
        }
    }

    @Test
    void verifyRejectsACertificateFromAnotherCa(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("cert.pem"), Csrs.pem(new TestCa().issue(Csrs.p256().getPublic(), "CN=forged")));

        Run run = Run.inkan("", "verify", file.toString(), "--issuance-url", url);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("chain        INVALID");
    }

    @Test
    void watchPrintsOneReadableLinePerEvent() throws Exception {
        String contract = "W" + UUID.randomUUID().toString().substring(0, 8);
        String requestId = UUID.randomUUID().toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(
                InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                null,
                Map.of("INKAN_BOOTSTRAP", bootstrap));
        int[] exitCode = {-1};
        Thread watcher =
                new Thread(() -> exitCode[0] = new Inkan(terminal).run("watch", "auth", "issuance", "--limit", "3"));
        watcher.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> err.toString(StandardCharsets.UTF_8).contains("Watching"));

        publish(new CertificateRequestRefused(requestId, null, null, RefusalReason.LOCKED, Instant.now()));
        publish(issued(requestId, contract, "U001", "8f3a01", CA.issuing));
        publish(new CertificateRevoked(
                "8f3a01", contract, "U001", RevocationReason.SUPERSEDED, Instant.parse("2026-05-01T00:00:00Z")));
        watcher.join(20_000);

        assertThat(exitCode[0]).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines)
                .anySatisfy(line -> assertThat(line)
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z  CertificateRequestRefused\\s+" + requestId
                                + "  requestId=" + requestId + "  reason=LOCKED"))
                .anySatisfy(line -> assertThat(line)
                        .matches("\\S+Z  CertificateIssued\\s+" + contract + ":U001  requestId=" + requestId
                                + "  serial=8f3a01  kind=NEW  notAfter=2027-04-01T00:00:00Z"))
                .anySatisfy(line -> assertThat(line)
                        .matches("\\S+Z  CertificateRevoked\\s+" + contract
                                + ":U001  serial=8f3a01  reason=\\S+  revokedAt=2026-05-01T00:00:00Z"));
        assertThat(String.join("\n", lines)).doesNotContain("BEGIN CERTIFICATE");
    }

    @Test
    void watchJsonPrintsTheWholeRecordForMachines() throws Exception {
        publish(new ExpiryApproaching("C009", "U009", "77aa", Instant.parse("2027-01-01T00:00:00Z"), "P40D"));

        Run run = Run.inkan(
                "", "watch", "notification", "--json", "--from-beginning", "--limit", "1", "--bootstrap", bootstrap);

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode line = JSON.readTree(run.out().strip());
        assertThat(line.get("topic").asString()).isEqualTo(Topics.NOTIFICATION);
        assertThat(line.get("key").asString()).isEqualTo("C009:U009");
        assertThat(line.get("headers").get("ce_type").asString()).isEqualTo("io.inkan.ExpiryApproaching.v1");
        assertThat(line.get("value").get("serialNumber").asString()).isEqualTo("77aa");
        assertThat(line.get("value").get("noticeBefore").asString()).isEqualTo("P40D");
    }

    @Test
    void watchOfAnUnreachableBrokerExits4() throws Exception {
        Run run = Run.inkan("", "watch", "--bootstrap", "127.0.0.1:" + InkanCommandLineTest.closedPort());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("Kafka is not reachable");
    }

    private static void assertPkcs12HoldsKeyFor(Path file, String passphrase, X509Certificate certificate)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file.toFile())) {
            store.load(in, passphrase.toCharArray());
        }
        String alias = store.aliases().nextElement();
        PrivateKey key = (PrivateKey) store.getKey(alias, passphrase.toCharArray());
        Certificate[] chain = store.getCertificateChain(alias);
        assertThat(chain).hasSize(3);
        assertThat(chain[0]).isEqualTo(certificate);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update("proof".getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update("proof".getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(signature))
                .as("the PKCS#12 key belongs to the certificate")
                .isTrue();
    }

    // ---- the test's stand-ins for auth-service and issuance-service ----

    private static void playAuthAndIssuance() {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "auth-player-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.FRONTEND_REQUESTS));
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        answer(CODEC.decode(
                                CertificateRequestSubmitted.class, new String(record.value(), StandardCharsets.UTF_8)));
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                }
            }
        }
    }

    private static void answer(CertificateRequestSubmitted submitted) throws Exception {
        JsonNode sealed = JSON.readTree(open(submitted.sealedCredentials()));
        String requestId = sealed.get("requestId").asString();
        if (!sealed.get("password").asString().equals(RIGHT_PASSWORD) || !requestId.equals(submitted.requestId())) {
            publish(new CertificateRequestRefused(requestId, null, null, RefusalReason.UNAUTHENTICATED, Instant.now()));
            return;
        }
        String contract = sealed.get("contractId").asString();
        String user = sealed.get("userId").asString();
        X509Certificate certificate = CA.issue(publicKeyOf(submitted.csrPem()), "CN=" + contract + user);
        publish(issued(requestId, contract, user, certificate.getSerialNumber().toString(16), certificate));
    }

    private static CertificateIssued issued(
            String requestId, String contract, String user, String serial, X509Certificate certificate) {
        return new CertificateIssued(
                requestId,
                contract,
                user,
                RequestKind.NEW,
                serial,
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                Instant.parse("2026-04-01T00:00:00Z"),
                Instant.parse("2027-04-01T00:00:00Z"),
                "ab".repeat(32),
                Csrs.pem(certificate),
                CA.chainPem(),
                null,
                Instant.now());
    }

    private static byte[] open(String sealedBase64) throws Exception {
        CMSAuthEnvelopedData envelope =
                new CMSAuthEnvelopedData(Base64.getDecoder().decode(sealedBase64));
        for (RecipientInformation recipient : envelope.getRecipientInfos().getRecipients()) {
            if (recipient instanceof KeyTransRecipientInformation keyTrans) {
                return keyTrans.getContent(new JceKeyTransEnvelopedRecipient(SEALING_KEYS.getPrivate())
                        .setProvider(new BouncyCastleProvider()));
            }
        }
        throw new AssertionError("no recipient");
    }

    private static PublicKey publicKeyOf(String csrPem) throws Exception {
        String base64 = csrPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS10CertificationRequest csr =
                new PKCS10CertificationRequest(Base64.getDecoder().decode(base64));
        return new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
    }

    private static void publish(InkanEvent event) throws Exception {
        List<Header> headers = List.of(
                header(CloudEventHeaders.SPEC_VERSION, "1.0"),
                header(CloudEventHeaders.ID, UUID.randomUUID().toString()),
                header(CloudEventHeaders.TYPE, EventTypes.nameOf(event)),
                header(CloudEventHeaders.SOURCE, "/test"),
                header(CloudEventHeaders.TIME, Instant.now().toString()),
                header(CloudEventHeaders.SUBJECT, event.key()),
                header(CloudEventHeaders.CONTENT_TYPE, "application/json"));
        producer.send(new ProducerRecord<>(Topics.of(event), null, event.key(), CODEC.encode(event), headers))
                .get(10, TimeUnit.SECONDS);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** auth-service's HTTP front door: 202 for the right password, 401 otherwise; PENDING once, then ISSUED. */
    private static void certificateRequests(HttpExchange exchange) throws java.io.IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (exchange.getRequestMethod().equals("POST")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
                if (!body.get("password").asString().equals(RIGHT_PASSWORD)) {
                    respond(exchange, 401, "application/problem+json", "{\"status\":401,\"code\":\"UNAUTHENTICATED\"}");
                    return;
                }
                String requestId = UUID.randomUUID().toString();
                X509Certificate certificate = CA.issue(
                        publicKeyOf(body.get("csr").asString()),
                        "CN=" + body.get("contractId").asString()
                                + body.get("userId").asString());
                HTTP_REQUESTS.put(requestId, "PENDING " + Csrs.pem(certificate));
                respond(
                        exchange,
                        202,
                        "application/json",
                        "{\"requestId\":\"" + requestId + "\",\"status\":\"PENDING\"}");
                return;
            }
            String requestId = path.substring(path.lastIndexOf('/') + 1);
            String state = HTTP_REQUESTS.get(requestId);
            if (state == null) {
                respond(exchange, 404, "application/problem+json", "{\"status\":404,\"code\":\"NOT_FOUND\"}");
            } else if (state.startsWith("PENDING ")) {
                HTTP_REQUESTS.put(requestId, state.substring("PENDING ".length()));
                respond(
                        exchange,
                        200,
                        "application/json",
                        "{\"requestId\":\"" + requestId + "\",\"status\":\"PENDING\"}");
            } else {
                X509Certificate certificate = KeyMaterial.certificates(state).getFirst();
                var answer = JSON.createObjectNode();
                answer.put("requestId", requestId);
                answer.put("status", "ISSUED");
                var shown = answer.putObject("certificate");
                shown.put("serialNumber", certificate.getSerialNumber().toString(16));
                shown.put("subject", certificate.getSubjectX500Principal().getName());
                shown.put("notAfter", certificate.getNotAfter().toInstant().toString());
                shown.put("pem", state);
                shown.put("chainPem", CA.chainPem());
                respond(exchange, 200, "application/json", JSON.writeValueAsString(answer));
            }
        } catch (Exception e) {
            e.printStackTrace();
            respond(exchange, 500, "text/plain", e.toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

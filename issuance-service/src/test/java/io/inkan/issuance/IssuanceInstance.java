package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One issuance-service instance started as {@code java -jar} starts it, for the tests that need several, or one
 * configured otherwise than {@link IssuanceServiceIT}'s shared context: a CA on a token, a bank's keystore. SELF_SERVICE
 * mode, so a {@code CertificateRequested} alone gets a certificate.
 */
final class IssuanceInstance implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static final EventCodec CODEC = new EventCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;

    private IssuanceInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts an instance on {@code database} and the broker, with {@code configuration} on top of the basics. */
    static IssuanceInstance start(String brokers, String database, Map<String, String> configuration) throws Exception {
        return new IssuanceInstance(new SpringApplicationBuilder(IssuanceServiceApplication.class)
                .run(arguments(brokers, database, configuration)));
    }

    static String[] arguments(String brokers, String database, Map<String, String> configuration) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + io.inkan.testsupport.Postgres.USER,
                "--spring.datasource.password=" + io.inkan.testsupport.Postgres.PASSWORD,
                "--inkan.data-dir=" + Files.createTempDirectory("inkan-issuance-instance"),
                "--server.port=0",
                "--inkan.messaging.partitions=2",
                "--inkan.issuance.mode=SELF_SERVICE",
                "--inkan.issuance.url=http://issuance.inkan.test",
                "--inkan.auth.url=" + TestTokens.get().url()));
        configuration.forEach((name, value) -> args.add("--" + name + "=" + value));
        return args.toArray(String[]::new);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    byte[] get(String path) throws Exception {
        HttpResponse<byte[]> response =
                HTTP.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    String chainPem() throws Exception {
        return new String(get("/ca/chain.pem"), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        context.close();
    }

    // --- requests as auth-service publishes them --------------------------------------------------------------------

    /** Publishes a NEW request for a fresh user of contract C001 and returns its request ID. */
    static String request(KafkaProducer<String, byte[]> producer) throws Exception {
        return request(producer, "u" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A new certificate for {@code user} of contract C001: a second one supersedes (revokes) the first. */
    static String request(KafkaProducer<String, byte[]> producer, String user) throws Exception {
        String requestId = UUID.randomUUID().toString();
        publish(
                producer,
                new CertificateRequested(
                        requestId, "C001", user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()), Instant.now()));
        return requestId;
    }

    static void publish(KafkaProducer<String, byte[]> producer, InkanEvent event) throws Exception {
        var record = new ProducerRecord<String, byte[]>(Topics.of(event), event.key(), CODEC.encode(event));
        record.headers().add(CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(10, TimeUnit.SECONDS);
    }

    static KafkaProducer<String, byte[]> producer(String brokers) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    static CertificateIssued awaitIssued(TopicProbe issuanceEvents, String requestId) {
        return CODEC.decode(
                CertificateIssued.class,
                TopicProbe.value(
                        issuanceEvents.awaitEvent(EventTypes.nameOf(CertificateIssued.class), requestId, WAIT)));
    }

    /**
     * A broker of these tests' own. Starting one sets {@code spring.embedded.kafka.brokers} for the whole JVM, and
     * {@link IssuanceServiceIT}'s cached context would then publish to this broker after it is gone: the property is
     * put back as it was.
     */
    static EmbeddedKafkaBroker broker() {
        String shared = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerListProperty("inkan.test.instances.brokers");
        try {
            broker.afterPropertiesSet();
        } finally {
            if (shared == null) {
                System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
            } else {
                System.setProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, shared);
            }
        }
        return broker;
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static Throwable failureToStart(String brokers, String database, Map<String, String> configuration) {
        try (IssuanceInstance started = start(brokers, database, configuration)) {
            throw new AssertionError("issuance-service started with " + configuration.keySet());
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable e) {
            return e;
        }
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    /** Runs a command (openssl) and returns what it printed; fails if it did not end in time. */
    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.events.UserRegistered;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * One auth-service started as a Spring application of its own, with its own data directory and ports, as a bank
 * runs it beside others (docs/contract.md §8); and what the waiting ITs do to it: register a user over Kafka, submit a
 * request, GET it with {@code ?wait=}, publish its outcome on the real topic.
 */
final class Instance implements AutoCloseable {
    static final String PASSWORD = "Ginkgo-Pass-58";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();
    private static final EventCodec CODEC = new EventCodec();

    private final ConfigurableApplicationContext context;
    private final String brokers;

    private Instance(ConfigurableApplicationContext context, String brokers) {
        this.context = context;
        this.brokers = brokers;
    }

    /** Starts one on {@code brokers}; {@code more} are further {@code --name=value} arguments. */
    static Instance start(String brokers, Path dataDir, String... more) {
        String[] arguments = Stream.concat(
                        Stream.of(
                                "--spring.kafka.bootstrap-servers=" + brokers,
                                "--server.port=0",
                                "--inkan.auth.tls-port=0",
                                "--inkan.data-dir=" + dataDir,
                                "--" + TestKeys.ENCRYPTION_KEY_PROPERTY + "=" + TestKeys.ENCRYPTION_KEY,
                                "--inkan.messaging.partitions=2",
                                "--inkan.messaging.relay-interval=PT0.2S",
                                "--spring.main.banner-mode=off"),
                        Stream.of(more))
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthServiceApplication.class)
                .initializers(c -> c.getBeanFactory()
                        .registerSingleton("skipOtherTestsConfiguration", new SharedKeysIT.SkipTestConfigurations()))
                .run(arguments);
        return new Instance(context, brokers);
    }

    /** A new user whose ID and password log on here; returns the contract. */
    String registeredUser(String userId) throws Exception {
        String contract = "C" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String sealed = Envelopes.seal(
                PASSWORD,
                Envelopes.certificate(get("/api/v1/sealing-certificate").body()));
        publish(new UserRegistered(
                contract, userId, "山田 花子", "hanako@example.jp", "ja", null, sealed, "A001", Instant.now()));
        String logon = JSON.writeValueAsString(
                Map.of("realm", "user", "contractId", contract, "userId", userId, "password", PASSWORD));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> post("/api/v1/tokens", logon).statusCode() == 200);
        return contract;
    }

    /** Submits a request for {@code key}; returns its ID. */
    String submit(String contract, String userId, KeyPair key) throws Exception {
        HttpResponse<String> accepted = post(
                "/api/v1/certificate-requests",
                JSON.writeValueAsString(Map.of(
                        "contractId", contract, "userId", userId, "password", PASSWORD, "csr", Csrs.csrPem(key))));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).path("requestId").asString();
    }

    /** {@code GET /api/v1/certificate-requests/{id}?wait=}, in flight once {@link #waiting()} counts it. */
    CompletableFuture<HttpResponse<String>> awaitOutcome(String requestId, String wait) {
        return HTTP.sendAsync(
                HttpRequest.newBuilder(uri("/api/v1/certificate-requests/" + requestId + "?wait=" + wait))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many GETs wait here now, as the service's gauge says. */
    long waiting() {
        return Math.round(context.getBean(MeterRegistry.class)
                .get("inkan.auth.requests.waiting")
                .gauge()
                .value());
    }

    /** Publishes the certificate issuance-service would issue for the request, on its topic. */
    void publishIssued(String requestId, String contract, String userId, KeyPair key) throws Exception {
        IntegrationTestBase.IssuedForTest cert =
                IntegrationTestBase.issue(key, contract, userId, Instant.now().plus(Duration.ofDays(365)));
        publish(IntegrationTestBase.olderIssuedEvent(
                requestId, contract, userId, RequestKind.NEW, cert, null, Instant.now()));
    }

    /** Publishes an event as its producer service would: key, JSON value, CloudEvents headers. */
    void publish(InkanEvent event) throws Exception {
        publish(event, event.key());
    }

    /** As {@link #publish(InkanEvent)}, with another record key (records of one key share a partition). */
    void publish(InkanEvent event, String key) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<Header> headers = List.of(
                    new RecordHeader(
                            CloudEventHeaders.ID, bytes(UUID.randomUUID().toString())),
                    new RecordHeader(CloudEventHeaders.SPEC_VERSION, bytes("1.0")),
                    new RecordHeader(CloudEventHeaders.TYPE, bytes(EventTypes.nameOf(event))));
            producer.send(new ProducerRecord<>(Topics.of(event), null, key, CODEC.encode(event), headers))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** {@code POST /api/v1/tokens} with a user's contract, ID and password. */
    HttpResponse<String> logon(String contract, String userId, String password) throws Exception {
        return post(
                "/api/v1/tokens",
                JSON.writeValueAsString(
                        Map.of("realm", "user", "contractId", contract, "userId", userId, "password", password)));
    }

    /** One of the running service's beans. */
    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(
                "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port") + path);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        context.close();
    }
}

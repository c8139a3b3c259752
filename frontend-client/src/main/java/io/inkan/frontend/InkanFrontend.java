package io.inkan.frontend;

import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The client a bank's web front end uses to ask Inkan for a certificate over Kafka (docs/contract.md, "Front
 * ends over Kafka"). {@link #submit} seals the customer's credentials to auth-service's sealing
 * certificate, publishes a {@code CertificateRequestSubmitted} on {@code inkan.frontend.requests} and
 * returns a future that completes with the {@link Outcome} read from {@code inkan.issuance.events} and
 * {@code inkan.auth.events}.
 *
 * <p>One instance per application: it holds a Kafka producer, one background consumer thread (no
 * consumer group; it reads only records published after it started) and the cached sealing
 * certificate. It is thread-safe. {@link #close()} it on shutdown.
 *
 * <pre>{@code
 * try (InkanFrontend inkan = InkanFrontend.builder()
 *         .bootstrapServers("kafka:9092")
 *         .authUrl("http://auth-service:8081")
 *         .timeout(Duration.ofSeconds(60))
 *         .build()) {
 *     Outcome outcome = inkan.submit(Credentials.ofUser("C001", "U001", password), csrPem).join();
 * }
 * }</pre>
 */
public final class InkanFrontend implements AutoCloseable {
    /** {@code ce_source} of the submissions. */
    public static final String SOURCE = "/frontend-client";

    private final String bootstrapServers;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> producer;
    private final ResultListener listener;
    private final SealingCertificateSource sealingCertificate;
    private final CredentialSealer sealer = new CredentialSealer();
    private final EventCodec codec = new EventCodec();
    private final ExecutorService publisher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private InkanFrontend(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.timeout = builder.timeout;
        String clientId = "inkan-frontend-" + UUID.randomUUID();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(min(timeout, Duration.ofSeconds(10)))
                .build();
        this.sealingCertificate = new SealingCertificateSource(http, builder.authUrl, timeout);

        Map<String, Object> producerConfig = new HashMap<>(builder.kafkaProperties);
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-producer");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());

        Map<String, Object> consumerConfig = new HashMap<>(builder.kafkaProperties);
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-results");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.listener = new ResultListener(consumerConfig, clientId + "-results");

        this.publisher = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, clientId + "-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A fresh request ID: a random UUID, the capability to look the request up later. */
    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Submits a certificate request under a new random request ID.
     *
     * @param credentials the customer's IDs and password; copied, so the caller may clear them at once
     * @param csrPem the PKCS#10 request in PEM, made with the customer's new key
     * @return completes with the outcome; exceptionally with a {@link TimeoutException} when no outcome
     *     arrived within the timeout, a {@link FrontendUnavailableException} when auth-service or Kafka
     *     could not be reached, or an {@link IllegalStateException} when the client was closed meanwhile
     */
    public CompletableFuture<Outcome> submit(Credentials credentials, String csrPem) {
        return submit(newRequestId(), credentials, csrPem);
    }

    /**
     * As {@link #submit(Credentials, String)}, under a request ID the caller generated (with {@link
     * #newRequestId()}), e.g. to store it before the request is sent.
     */
    public CompletableFuture<Outcome> submit(String requestId, Credentials credentials, String csrPem) {
        Objects.requireNonNull(credentials, "credentials");
        if (closed.get()) {
            throw new IllegalStateException("the Inkan front-end client is closed");
        }
        UUID.fromString(Objects.requireNonNull(requestId, "requestId"));
        if (csrPem == null || !csrPem.contains("CERTIFICATE REQUEST")) {
            throw new IllegalArgumentException("csrPem must be a PKCS#10 request in PEM");
        }
        Credentials copy = credentials.copy();
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        listener.expect(requestId, outcome);
        outcome.whenComplete((result, failure) -> listener.forget(requestId));

        CompletableFuture<RecordMetadata> published = sealingCertificate
                .certificate()
                .thenApply(certificate -> {
                    try {
                        return sealer.seal(certificate, requestId, Instant.now(), copy);
                    } finally {
                        copy.clear();
                    }
                })
                .thenCompose(envelope -> listener.ready().thenApply(ready -> envelope))
                .thenComposeAsync(envelope -> publish(requestId, envelope, csrPem), publisher);
        published.whenComplete((metadata, failure) -> {
            copy.clear();
            if (failure != null) {
                outcome.completeExceptionally(unwrap(failure));
            }
        });
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> outcome.completeExceptionally(timedOut(requestId, published)));
        return outcome;
    }

    private Throwable timedOut(String requestId, CompletableFuture<RecordMetadata> published) {
        if (!listener.ready().isDone()) {
            return new FrontendUnavailableException(
                    "Kafka at " + bootstrapServers + " was not reachable within " + timeout);
        }
        if (!published.isDone()) {
            return new FrontendUnavailableException(
                    "request " + requestId + " could not be published within " + timeout);
        }
        return new TimeoutException("no outcome for request " + requestId + " within " + timeout);
    }

    private CompletableFuture<RecordMetadata> publish(String requestId, String sealed, String csrPem) {
        Instant now = Instant.now();
        CertificateRequestSubmitted event = new CertificateRequestSubmitted(requestId, sealed, csrPem, now);
        List<Header> headers = List.of(
                header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0),
                header(CloudEventHeaders.ID, UUID.randomUUID().toString()),
                header(CloudEventHeaders.TYPE, EventTypes.nameOf(event)),
                header(CloudEventHeaders.SOURCE, SOURCE),
                header(CloudEventHeaders.TIME, now.toString()),
                header(CloudEventHeaders.SUBJECT, event.key()),
                header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON));
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.FRONTEND_REQUESTS, null, event.key(), codec.encode(event), headers);
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    sent.completeExceptionally(new FrontendUnavailableException(
                            "request " + requestId + " could not be published to Kafka at " + bootstrapServers + ": "
                                    + failure.getMessage(),
                            failure));
                } else {
                    sent.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            sent.completeExceptionally(new FrontendUnavailableException(
                    "request " + requestId + " could not be published to Kafka at " + bootstrapServers + ": "
                            + e.getMessage(),
                    e));
        }
        return sent;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops the result listener and the producer; outcomes still awaited fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listener.close();
        publisher.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    /** Builds an {@link InkanFrontend}; only the bootstrap servers are required. */
    public static final class Builder {
        private String bootstrapServers;
        private URI authUrl = URI.create("http://127.0.0.1:8081");
        private Duration timeout = Duration.ofSeconds(60);
        private final Map<String, Object> kafkaProperties = new HashMap<>();

        private Builder() {}

        /** Kafka's {@code bootstrap.servers}, e.g. {@code kafka-1:9092,kafka-2:9092}. */
        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** auth-service's base URL; default {@code http://127.0.0.1:8081}. */
        public Builder authUrl(String authUrl) {
            return authUrl(URI.create(authUrl));
        }

        public Builder authUrl(URI authUrl) {
            this.authUrl = Objects.requireNonNull(authUrl, "authUrl");
            return this;
        }

        /** How long a submission waits for its outcome; default 60 seconds. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Any other Kafka client property (TLS, SASL, ...), applied to the producer and the consumer. */
        public Builder kafkaProperty(String name, Object value) {
            kafkaProperties.put(name, value);
            return this;
        }

        public InkanFrontend build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            return new InkanFrontend(this);
        }
    }
}

package io.inkan.messaging.consumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.Topics;
import io.inkan.messaging.RefusedEventException;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A consuming service on PostgreSQL and a real broker. A record that fails because the database is away is not
 * the record's fault: it is retried until the database is back, the partition waits, readiness says so, and
 * nothing goes to the dead-letter topic. A record the rules refuse goes there at once.
 */
@EmbeddedKafka(partitions = 1)
class TransientIsNotPoisonIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String REFUSED_ADMIN = "ADM-UNKNOWN";
    private static final Pattern EVENT_CONSUMPTION = Pattern.compile("\"eventConsumption\":\\{\"status\":\"(\\w+)\"");

    static ConfigurableApplicationContext service;
    static String brokers;
    static String database;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        String url = Postgres.freshDatabase("transient");
        database = url.substring(url.lastIndexOf('/') + 1);
        service = new SpringApplicationBuilder(ConsumingService.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--spring.application.name=issuance-service",
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + brokers,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + Postgres.USER,
                        "--spring.datasource.password=",
                        // An attempt while the database refuses connections fails after this, not after 30 s.
                        "--spring.datasource.hikari.connection-timeout=250",
                        "--spring.flyway.locations=classpath:db/messaging,classpath:db/testing",
                        "--inkan.messaging.consumes=" + Topics.ADMIN,
                        "--inkan.messaging.partitions=1",
                        "--inkan.messaging.retry-max-interval=PT0.5S",
                        // As each service's <service>.properties sets them.
                        "--management.endpoint.health.probes.enabled=true",
                        "--management.endpoint.health.group.readiness.include=readinessState,db,kafka,eventConsumption",
                        "--management.endpoint.health.show-components=always");
    }

    @AfterAll
    static void stop() throws Exception {
        allowConnections(true);
        if (service != null) service.close();
    }

    @Test
    void aRecordThatFailsWhileTheDatabaseIsAwayIsRetriedUntilItIsBackAndAppliedOnceInOrder() throws Exception {
        IssuanceAuthorized warmUp = authorization("ADM01");
        send(warmUp);
        await().atMost(WAIT).ignoreExceptions().until(() -> applied().contains(warmUp.authorizationId()));
        assertThat(readiness().statusCode()).isEqualTo(200);

        IssuanceAuthorized first = authorization("ADM01");
        IssuanceAuthorized second = authorization("ADM01"); // same key, so same partition, after the first
        allowConnections(false);
        try (TopicProbe deadLetters = new TopicProbe(brokers, Topics.deadLetter(Topics.ADMIN))) {
            send(first);
            send(second);

            // While the record waits, the instance is not ready, and says why.
            await().atMost(WAIT).ignoreExceptions().until(() -> "OUT_OF_SERVICE".equals(eventConsumption(readiness())));
            assertThat(readiness().statusCode()).isEqualTo(503);
            // Longer than the 8 attempts after which a record used to go to the dead-letter topic.
            await().atMost(WAIT)
                    .ignoreExceptions()
                    .until(() -> retried() > 8
                            || deadLetters.drain(Duration.ofMillis(200)).stream()
                                    .anyMatch(r -> first.key().equals(r.key())));
            assertThat(deadLetters.seen()).noneMatch(r -> first.key().equals(r.key()));
            allowConnections(true);

            await().atMost(WAIT).ignoreExceptions().until(() -> applied().contains(second.authorizationId()));
            assertThat(applied())
                    .containsSubsequence(first.authorizationId(), second.authorizationId())
                    .containsOnlyOnce(first.authorizationId(), second.authorizationId());
            assertThat(deadLetters.drain(Duration.ofSeconds(2)))
                    .noneMatch(r -> first.key().equals(r.key()));
        }
        await().atMost(WAIT).ignoreExceptions().until(() -> readiness().statusCode() == 200);
        assertThat(eventConsumption(readiness())).isEqualTo("UP");
        assertThat(service.getBean(MeterRegistry.class)
                        .get("inkan.events.stalled")
                        .gauge()
                        .value())
                .isZero();
    }

    @Test
    void aRecordTheRulesRefuseGoesToTheDeadLetterTopicAtOnceAndTheConsumerGoesOn() throws Exception {
        IssuanceAuthorized refused = authorization(REFUSED_ADMIN);
        IssuanceAuthorized after = authorization("ADM01");
        int attemptsBefore = service.getBean(Applied.class).refusedAttempts.get();
        double countedBefore = refusedCount();

        send(refused);
        send(after);

        await().atMost(WAIT).ignoreExceptions().until(() -> applied().contains(after.authorizationId()));
        try (TopicProbe deadLetters = new TopicProbe(brokers, Topics.deadLetter(Topics.ADMIN))) {
            var dead = deadLetters.await(r -> TopicProbe.value(r).contains(refused.authorizationId()), WAIT);
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-cause-fqcn"))
                    .isEqualTo(RefusedEventException.class.getName());
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-message"))
                    .contains("administrator " + REFUSED_ADMIN + " is not known here");
            assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ADMIN);
        }
        assertThat(service.getBean(Applied.class).refusedAttempts.get() - attemptsBefore)
                .as("attempts at the refused record")
                .isEqualTo(1);
        assertThat(applied()).doesNotContain(refused.authorizationId());
        assertThat(refusedCount() - countedBefore).isEqualTo(1);
    }

    /** The refusals counted so far (another test of this class refuses a record too). */
    private static double refusedCount() {
        var counter = service.getBean(MeterRegistry.class)
                .find("inkan.events.refused")
                .tags("topic", Topics.ADMIN, "reason", "refused")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aRefusedRecordAmidAPollGoesAloneAndTheRecordsAroundItAreAppliedOnceInOrder() throws Exception {
        // One producer, one flush: the five records reach the consumer in one poll, applied in one transaction.
        IssuanceAuthorized a = authorization("ADM01");
        IssuanceAuthorized b = authorization("ADM01");
        IssuanceAuthorized refused = authorization(REFUSED_ADMIN);
        IssuanceAuthorized c = authorization("ADM01");
        IssuanceAuthorized d = authorization("ADM01");
        int attemptsBefore = service.getBean(Applied.class).refusedAttempts.get();

        send(a, b, refused, c, d);

        await().atMost(WAIT).ignoreExceptions().until(() -> applied().contains(d.authorizationId()));
        assertThat(applied())
                .containsSubsequence(a.authorizationId(), b.authorizationId(), c.authorizationId(), d.authorizationId())
                .containsOnlyOnce(a.authorizationId(), b.authorizationId(), c.authorizationId(), d.authorizationId())
                .doesNotContain(refused.authorizationId());
        try (TopicProbe deadLetters = new TopicProbe(brokers, Topics.deadLetter(Topics.ADMIN))) {
            var dead = deadLetters.await(r -> TopicProbe.value(r).contains(refused.authorizationId()), WAIT);
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-cause-fqcn"))
                    .isEqualTo(RefusedEventException.class.getName());
        }
        assertThat(service.getBean(Applied.class).refusedAttempts.get() - attemptsBefore)
                .as("attempts at the refused record")
                .isEqualTo(1);
    }

    /** Makes the consumer's database refuse every connection, and drops those it has; or lets them in again. */
    private static void allowConnections(boolean allowed) throws Exception {
        if (database == null) {
            return;
        }
        String server = System.getenv().getOrDefault("INKAN_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
        try (var admin = DriverManager.getConnection(server + "postgres", Postgres.USER, Postgres.PASSWORD);
                var statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }

    private static double retried() {
        var counter = service.getBean(MeterRegistry.class)
                .find("inkan.events.retried")
                .tags("topic", Topics.ADMIN)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static HttpResponse<String> readiness() throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String eventConsumption(HttpResponse<String> readiness) {
        Matcher matcher = EVENT_CONSUMPTION.matcher(readiness.body());
        return matcher.find() ? matcher.group(1) : "absent from " + readiness.body();
    }

    private static List<String> applied() {
        return service.getBean(Applied.class).authorizationIds();
    }

    private static IssuanceAuthorized authorization(String administrator) {
        return new IssuanceAuthorized(
                "C0012345", "U001", UUID.randomUUID().toString(), administrator, Instant.parse("2026-11-21T09:00:00Z"));
    }

    private static void send(IssuanceAuthorized... events) throws Exception {
        try (var kafka = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (IssuanceAuthorized event : events) {
                sent.add(kafka.send(record(event)));
            }
            for (var ack : sent) {
                ack.get();
            }
        }
    }

    private static ProducerRecord<String, byte[]> record(IssuanceAuthorized event) {
        var record = new ProducerRecord<String, byte[]>(Topics.ADMIN, event.key(), new EventCodec().encode(event));
        record.headers()
                .add(new RecordHeader(
                        CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8)));
        record.headers()
                .add(new RecordHeader(
                        CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Applied.class)
    static class ConsumingService {}

    /** Applies authorizations as a service would, and refuses one from an administrator it does not know. */
    static class Applied {
        private final JdbcClient jdbc;
        final AtomicInteger refusedAttempts = new AtomicInteger();

        Applied(DataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
        }

        @EventListener
        void on(IssuanceAuthorized event) {
            if (REFUSED_ADMIN.equals(event.authorizedBy())) {
                refusedAttempts.incrementAndGet();
                throw new RefusedEventException("administrator " + event.authorizedBy() + " is not known here");
            }
            jdbc.sql("INSERT INTO received (authorization_id) VALUES (?)")
                    .param(event.authorizationId())
                    .update();
        }

        List<String> authorizationIds() {
            return jdbc.sql("SELECT authorization_id FROM received ORDER BY id")
                    .query(String.class)
                    .list();
        }
    }
}

package io.inkan.messaging.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.Topics;
import io.inkan.messaging.CommittedEvents;
import io.inkan.messaging.Outbox;
import io.inkan.testsupport.MutableClock;
import io.inkan.testsupport.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator's Prometheus scrapes from a service's /actuator/prometheus about its event plumbing, on
 * PostgreSQL and a real broker: the outbox backlog and the age of its oldest event while the relay cannot send, the
 * events the broker refused for good, and the redelivered events the inbox drops.
 */
@EmbeddedKafka(partitions = 1)
class MessagingMetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final MutableClock CLOCK = MutableClock.at("2026-11-21T09:00:00Z");

    static ConfigurableApplicationContext service;
    static String brokers;
    static String url;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        url = Postgres.freshDatabase("messaging_metrics");
        service = new SpringApplicationBuilder(MeteredService.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--spring.application.name=issuance-service",
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + brokers,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + Postgres.USER,
                        "--spring.datasource.password=",
                        "--spring.flyway.locations=classpath:db/messaging,classpath:db/testing",
                        "--inkan.messaging.consumes=" + Topics.ADMIN,
                        "--inkan.messaging.partitions=1",
                        "--spring.kafka.producer.properties.max.request.size=20000",
                        "--management.endpoints.web.exposure.include=health,prometheus");
    }

    @AfterAll
    static void stop() {
        if (service != null) service.close();
    }

    /**
     * Another instance holds the relay's lock and sends nothing (as a relay cut off from Kafka would): the backlog
     * and the age of its oldest event grow, counted at most once per 5 s, and fall to 0 once the events are sent.
     */
    @Test
    void theOutboxBacklogAndTheAgeOfItsOldestEventShowWhatWaitsToBeSent() throws Exception {
        CLOCK.advance(Duration.ofMinutes(1));
        try (Connection otherInstance = DriverManager.getConnection(url, Postgres.USER, Postgres.PASSWORD)) {
            otherInstance.setAutoCommit(false);
            otherInstance.createStatement().execute("SELECT name FROM outbox_relay_lock FOR UPDATE");

            publish(authorization("U101"));
            publish(authorization("U102"));
            publish(authorization("U103"));
            CLOCK.advance(Duration.ofMinutes(7));
            assertThat(scrape("inkan_outbox_backlog")).isEqualTo(3);
            assertThat(scrape("inkan_outbox_oldest_age_seconds")).isEqualTo(420);

            // Scraped again within 5 s, the outbox is not counted again; after 5 s it is.
            publish(authorization("U104"));
            CLOCK.advance(Duration.ofSeconds(4));
            assertThat(scrape("inkan_outbox_backlog")).isEqualTo(3);
            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(scrape("inkan_outbox_backlog")).isEqualTo(4);
            assertThat(scrape("inkan_outbox_oldest_age_seconds")).isEqualTo(425);

            otherInstance.rollback();
        }
        await().atMost(WAIT)
                .until(() -> jdbc().sql("SELECT COUNT(*) FROM outbox_event")
                                .query(Long.class)
                                .single()
                        == 0);
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(scrape("inkan_outbox_backlog")).isZero();
        assertThat(scrape("inkan_outbox_oldest_age_seconds")).isZero();
    }

    @Test
    void anEventTheBrokerRefusesForGoodIsCountedAsDead() throws Exception {
        CLOCK.advance(Duration.ofSeconds(5));
        double before = scrape("inkan_outbox_dead");

        // Larger than the producer's max.request.size: the broker will never take it.
        publish(new IssuanceAuthorized(
                "C0012345", "U201", UUID.randomUUID().toString(), "x".repeat(50_000), CLOCK.instant()));

        await().atMost(WAIT)
                .until(() -> jdbc().sql("SELECT COUNT(*) FROM outbox_dead_event")
                                .query(Long.class)
                                .single()
                        > before);
        CLOCK.advance(Duration.ofSeconds(5));
        assertThat(scrape("inkan_outbox_dead")).isEqualTo(before + 1);
    }

    /** A producer that sends an event twice (same ce_id), as a relay crashing between send and delete does. */
    @Test
    void anEventDeliveredTwiceIsAppliedOnceAndCountedAsADuplicate() throws Exception {
        String topic = "topic=\"" + Topics.ADMIN + "\"";
        double before = scrape("inkan_inbox_duplicates_total{" + topic);
        IssuanceAuthorized event = authorization("U301");
        String eventId = UUID.randomUUID().toString();

        send(event, eventId);
        await().atMost(WAIT).until(() -> applied().contains(event.authorizationId()));
        send(event, eventId);

        await().atMost(WAIT).until(() -> scrape("inkan_inbox_duplicates_total{" + topic) == before + 1);
        assertThat(applied()).containsOnlyOnce(event.authorizationId());
    }

    /**
     * A service counts its facts from the events it publishes ({@code inkan_certificates_issued_total} and the like):
     * an event is told once its transaction has committed, and an event whose transaction rolled back (the state
     * change failed after the event was written) is never told, so no meter counts what did not happen.
     */
    @Test
    void theServicesMetersHearOfAnEventOnlyOnceItsTransactionCommitted() {
        IssuanceAuthorized rolledBack = authorization("U401");
        IssuanceAuthorized committed = authorization("U402");
        TransactionTemplate transactions = service.getBean(TransactionTemplate.class);
        Outbox outbox = service.getBean(Outbox.class);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    outbox.append(rolledBack);
                    throw new IllegalStateException("the state change failed after its event was written");
                }))
                .isInstanceOf(IllegalStateException.class);
        transactions.executeWithoutResult(status -> {
            outbox.append(committed);
            assertThat(TOLD).as("told before the commit").doesNotContain(committed);
        });

        assertThat(TOLD).containsOnlyOnce(committed).doesNotContain(rolledBack);
    }

    /** The value of the first sample whose line starts with {@code name} (then a space or a label). */
    private static double scrape(String name) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body()
                .lines()
                .filter(line -> line.startsWith(name) && " {,}".indexOf(line.charAt(name.length())) >= 0)
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in /actuator/prometheus"));
    }

    private static void publish(IssuanceAuthorized event) {
        TransactionTemplate transactions = service.getBean(TransactionTemplate.class);
        Outbox outbox = service.getBean(Outbox.class);
        transactions.executeWithoutResult(status -> outbox.append(event));
    }

    private static void send(IssuanceAuthorized event, String eventId) throws Exception {
        try (var kafka = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(Topics.ADMIN, event.key(), new EventCodec().encode(event));
            record.headers()
                    .add(new RecordHeader(
                            CloudEventHeaders.TYPE, EventTypes.nameOf(event).getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8)));
            kafka.send(record).get();
        }
    }

    private static IssuanceAuthorized authorization(String user) {
        return new IssuanceAuthorized("C0012345", user, UUID.randomUUID().toString(), "ADM01", CLOCK.instant());
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(service.getBean(DataSource.class));
    }

    private static List<String> applied() {
        return jdbc().sql("SELECT authorization_id FROM received ORDER BY id")
                .query(String.class)
                .list();
    }

    /** What the service's {@link CommittedEvents} heard. */
    static final List<InkanEvent> TOLD = new CopyOnWriteArrayList<>();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Applied.class)
    static class MeteredService {
        @Bean
        Clock clock() {
            return CLOCK;
        }

        @Bean
        CommittedEvents told() {
            return TOLD::add;
        }
    }

    static class Applied {
        private final JdbcClient jdbc;

        Applied(DataSource dataSource) {
            this.jdbc = JdbcClient.create(dataSource);
        }

        @EventListener
        void on(IssuanceAuthorized event) {
            jdbc.sql("INSERT INTO received (authorization_id) VALUES (?)")
                    .param(event.authorizationId())
                    .update();
        }
    }
}

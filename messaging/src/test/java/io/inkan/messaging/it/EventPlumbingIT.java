package io.inkan.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.Topics;
import io.inkan.testsupport.H2;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two services on a real broker, each with its own database: the producer on PostgreSQL, the consumer
 * on H2, as a deployment and the embedded default would have them.
 */
@EmbeddedKafka(partitions = 2)
class EventPlumbingIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    static ConfigurableApplicationContext producer;
    static ConfigurableApplicationContext consumer;
    static String brokers;

    @BeforeAll
    static void startServices() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        brokers = broker.getBrokersAsString();
        producer = start("admin-service", Postgres.freshDatabase("messaging_producer"), Topics.AUTH);
        // It also reads the front ends' topic, where anyone may write: the place forged events arrive.
        consumer = start(
                "issuance-service",
                H2.freshDatabase("messaging_consumer"),
                Topics.ADMIN + "," + Topics.FRONTEND_REQUESTS);
    }

    private static ConfigurableApplicationContext start(String name, String databaseUrl, String consumes) {
        return new SpringApplicationBuilder(TestService.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=" + name,
                        "--spring.kafka.bootstrap-servers=" + brokers,
                        "--spring.datasource.url=" + databaseUrl,
                        "--spring.datasource.username=" + (databaseUrl.contains("postgresql") ? Postgres.USER : "sa"),
                        "--spring.datasource.password=",
                        "--spring.flyway.locations=classpath:db/messaging,classpath:db/testing",
                        "--inkan.messaging.consumes=" + consumes,
                        "--inkan.messaging.partitions=2",
                        "--spring.kafka.producer.properties.max.request.size=20000");
    }

    @AfterAll
    static void stopServices() {
        if (consumer != null) consumer.close();
        if (producer != null) producer.close();
    }

    @Test
    void anEventCommittedInOneServiceIsAppliedOnceInAnother() {
        IssuanceAuthorized event = authorization();

        producer.getBean(TestService.Authorizations.class).authorize(event, false);

        await().atMost(WAIT).until(() -> received().contains(event.authorizationId()));
        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            ConsumerRecord<String, byte[]> record =
                    probe.awaitEvent("io.inkan.IssuanceAuthorized.v1", event.authorizationId(), WAIT);
            assertThat(record.key()).isEqualTo("C0012345:U001");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SPEC_VERSION))
                    .isEqualTo("1.0");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/admin-service");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo("C0012345:U001");
            assertThat(TopicProbe.header(record, CloudEventHeaders.CONTENT_TYPE))
                    .isEqualTo("application/json");
            assertThat(TopicProbe.header(record, CloudEventHeaders.ID)).hasSize(36);
            assertThat(Instant.parse(TopicProbe.header(record, CloudEventHeaders.TIME)))
                    .isNotNull();
        }
        assertThat(received()).containsOnlyOnce(event.authorizationId());
    }

    /**
     * Each commit wakes the relay while the relay may still be sending the previous ones, and its periodic sweep
     * runs too: one user's events still reach the topic in the order they were committed, none twice.
     */
    @Test
    void oneUsersEventsGoOutInTheOrderTheyWereCommitted() {
        String user = "U" + UUID.randomUUID().toString().substring(0, 8);
        List<String> committed = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            IssuanceAuthorized event = new IssuanceAuthorized(
                    "C0012345", user, UUID.randomUUID().toString(), "ADM01", Instant.parse("2026-11-21T09:00:00Z"));
            producer.getBean(TestService.Authorizations.class).publish(event);
            committed.add(event.authorizationId());
        }

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            probe.awaitEvent("io.inkan.IssuanceAuthorized.v1", committed.getLast(), WAIT);
            List<String> sent = probe.seen().stream()
                    .filter(r -> ("C0012345:" + user).equals(r.key()))
                    .map(TopicProbe::value)
                    .map(json -> committed.stream()
                            .filter(json::contains)
                            .findFirst()
                            .orElseThrow())
                    .toList();
            assertThat(sent).containsExactlyElementsOf(committed);
        }
    }

    @Test
    void aRecordDeliveredTwiceIsAppliedOnce() {
        IssuanceAuthorized event = authorization();
        String eventId = UUID.randomUUID().toString();

        send(Topics.ADMIN, event.key(), EventTypes.nameOf(event), eventId, new EventCodec().encode(event));
        send(Topics.ADMIN, event.key(), EventTypes.nameOf(event), eventId, new EventCodec().encode(event));
        IssuanceAuthorized marker = authorization();
        send(
                Topics.ADMIN,
                marker.key(),
                EventTypes.nameOf(marker),
                UUID.randomUUID().toString(),
                new EventCodec().encode(marker));

        await().atMost(WAIT).until(() -> received().contains(marker.authorizationId()));
        assertThat(received()).containsOnlyOnce(event.authorizationId());
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverPublished() {
        IssuanceAuthorized rolledBack = authorization();
        IssuanceAuthorized committed = authorization();

        try {
            producer.getBean(TestService.Authorizations.class).authorize(rolledBack, true);
        } catch (IllegalStateException expected) {
            // the state change failed; its event must go with it
        }
        producer.getBean(TestService.Authorizations.class).authorize(committed, false);

        await().atMost(WAIT).until(() -> received().contains(committed.authorizationId()));
        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            probe.awaitEvent("io.inkan.IssuanceAuthorized.v1", committed.authorizationId(), WAIT);
            assertThat(probe.seen()).noneMatch(r -> TopicProbe.value(r).contains(rolledBack.authorizationId()));
        }
        assertThat(received()).doesNotContain(rolledBack.authorizationId());
    }

    @Test
    void garbageGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        double unreadableBefore = refused(Topics.ADMIN, "unreadable");
        String garbageKey = "garbage-" + UUID.randomUUID();
        send(
                Topics.ADMIN,
                garbageKey,
                "io.inkan.IssuanceAuthorized.v1",
                UUID.randomUUID().toString(),
                "{not json".getBytes(StandardCharsets.UTF_8));
        IssuanceAuthorized missingField = authorization();
        String incompleteKey = "incomplete-" + UUID.randomUUID();
        send(
                Topics.ADMIN,
                incompleteKey,
                "io.inkan.IssuanceAuthorized.v1",
                UUID.randomUUID().toString(),
                ("{\"contractId\":\"C1\",\"userId\":\"U1\",\"authorizedAt\":\"2026-11-21T00:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8));
        IssuanceAuthorized after = authorization();
        send(
                Topics.ADMIN,
                after.key(),
                EventTypes.nameOf(after),
                UUID.randomUUID().toString(),
                new EventCodec().encode(after));

        await().atMost(WAIT).until(() -> received().contains(after.authorizationId()));
        try (TopicProbe probe = new TopicProbe(brokers, Topics.deadLetter(Topics.ADMIN))) {
            ConsumerRecord<String, byte[]> dead = probe.await(r -> garbageKey.equals(r.key()), WAIT);
            assertThat(TopicProbe.value(dead)).isEqualTo("{not json");
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-fqcn")).isNotBlank();
            assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.ADMIN);
            ConsumerRecord<String, byte[]> incomplete = probe.await(r -> incompleteKey.equals(r.key()), WAIT);
            assertThat(TopicProbe.header(incomplete, "kafka_dlt-exception-message"))
                    .contains("authorizationId");
        }
        assertThat(refused(Topics.ADMIN, "unreadable")).isGreaterThanOrEqualTo(unreadableBefore + 2);
        assertThat(missingField).isNotNull();
    }

    @Test
    void anEventOfAnotherTopicIsNeverAppliedAndGoesToTheDeadLetterTopicAtOnceCounted() {
        IssuanceAuthorized forged = authorization();
        String forgedId = UUID.randomUUID().toString();
        double refusedBefore = refused(Topics.FRONTEND_REQUESTS, "foreign-type");

        // Well-formed and of a type the consumer applies, but on a topic that does not carry it.
        send(
                Topics.FRONTEND_REQUESTS,
                forged.key(),
                EventTypes.nameOf(forged),
                forgedId,
                new EventCodec().encode(forged));
        IssuanceAuthorized after = authorization();
        send(
                Topics.ADMIN,
                after.key(),
                EventTypes.nameOf(after),
                UUID.randomUUID().toString(),
                new EventCodec().encode(after));

        try (TopicProbe probe = new TopicProbe(brokers, Topics.deadLetter(Topics.FRONTEND_REQUESTS))) {
            ConsumerRecord<String, byte[]> dead =
                    probe.await(r -> forgedId.equals(TopicProbe.header(r, "ce_id")), WAIT);
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-message"))
                    .contains("io.inkan.IssuanceAuthorized.v1 does not belong on inkan.frontend.requests");
            assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.FRONTEND_REQUESTS);
        }
        await().atMost(WAIT).until(() -> received().contains(after.authorizationId()));
        assertThat(received()).doesNotContain(forged.authorizationId());
        var inbox =
                org.springframework.jdbc.core.simple.JdbcClient.create(consumer.getBean(javax.sql.DataSource.class));
        assertThat(inbox.sql("SELECT COUNT(*) FROM inbox_event WHERE event_id = ?")
                        .param(forgedId)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(refused(Topics.FRONTEND_REQUESTS, "foreign-type")).isEqualTo(refusedBefore + 1);
    }

    @Test
    void theRefusedCountersExistFromTheStartForEveryTopicConsumed() {
        var meters = consumer.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        for (String topic : List.of(Topics.ADMIN, Topics.FRONTEND_REQUESTS)) {
            for (String reason : List.of("foreign-type", "unreadable")) {
                assertThat(meters.find("inkan.events.refused")
                                .tags("topic", topic, "reason", reason)
                                .counter())
                        .as(topic + " " + reason)
                        .isNotNull();
            }
        }
    }

    @Test
    void anEventTypeThisVersionDoesNotKnowIsSkipped() {
        send(
                Topics.ADMIN,
                "C1:U1",
                "io.inkan.SomethingNew.v1",
                UUID.randomUUID().toString(),
                "{\"anything\":1}".getBytes(StandardCharsets.UTF_8));
        IssuanceAuthorized after = authorization();
        send(
                Topics.ADMIN,
                after.key(),
                EventTypes.nameOf(after),
                UUID.randomUUID().toString(),
                new EventCodec().encode(after));

        await().atMost(WAIT).until(() -> received().contains(after.authorizationId()));
        try (TopicProbe probe = new TopicProbe(brokers, Topics.deadLetter(Topics.ADMIN))) {
            assertThat(probe.drain(Duration.ofSeconds(2)))
                    .noneMatch(r -> "io.inkan.SomethingNew.v1".equals(TopicProbe.header(r, "ce_type")));
        }
    }

    @Test
    void anEventTheBrokerRefusesForGoodIsSetAsideAndTheOthersGoOn() {
        IssuanceAuthorized tooLarge = new IssuanceAuthorized(
                "C0012345", "U001", UUID.randomUUID().toString(), "x".repeat(50_000), Instant.now());
        IssuanceAuthorized after = authorization();

        producer.getBean(TestService.Authorizations.class).publish(tooLarge);
        producer.getBean(TestService.Authorizations.class).publish(after);

        await().atMost(WAIT).until(() -> received().contains(after.authorizationId()));
        assertThat(received()).doesNotContain(tooLarge.authorizationId());
        var jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(producer.getBean(javax.sql.DataSource.class));
        assertThat(jdbc.sql("SELECT failure FROM outbox_dead_event WHERE payload LIKE ?")
                        .param("%" + tooLarge.authorizationId() + "%")
                        .query(String.class)
                        .single())
                .contains("RecordTooLarge");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox_event")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    private static double refused(String topic, String reason) {
        var counter = consumer.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                .find("inkan.events.refused")
                .tags("topic", topic, "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> received() {
        return consumer.getBean(TestService.Received.class).authorizationIds();
    }

    private static IssuanceAuthorized authorization() {
        return new IssuanceAuthorized(
                "C0012345", "U001", UUID.randomUUID().toString(), "ADM01", Instant.parse("2026-11-21T09:00:00Z"));
    }

    private static void send(String topic, String key, String type, String eventId, byte[] value) {
        try (var kafka = new KafkaProducer<String, byte[]>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(topic, key, value);
            record.headers().add(new RecordHeader(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader(CloudEventHeaders.ID, eventId.getBytes(StandardCharsets.UTF_8)));
            kafka.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

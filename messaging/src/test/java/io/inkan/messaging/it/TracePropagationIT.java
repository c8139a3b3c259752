package io.inkan.messaging.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.EventTypes;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.Topics;
import io.inkan.messaging.TraceContexts;
import io.inkan.testsupport.H2;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TopicProbe;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The trace an event was appended in travels with it: kept in its outbox row, sent as the record's
 * {@code traceparent} header, and continued by the consumer, so what the consumer's handler does (and appends to
 * its own outbox) is in the same trace.
 */
@EmbeddedKafka(partitions = 1)
class TracePropagationIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TYPE = EventTypes.nameOf(IssuanceAuthorized.class);

    static ConfigurableApplicationContext producer;
    static ConfigurableApplicationContext consumer;
    static String brokers;

    @BeforeAll
    static void startServices() {
        brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        producer = start("admin-service", Postgres.freshDatabase("messaging_trace_producer"), Topics.AUTH);
        consumer = start("issuance-service", H2.freshDatabase("messaging_trace_consumer"), Topics.ADMIN);
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
                        "--inkan.messaging.partitions=1");
    }

    @AfterAll
    static void stopServices() {
        if (consumer != null) consumer.close();
        if (producer != null) producer.close();
    }

    @Test
    void anEventAppendedInARequestsTraceCarriesItToTheConsumer() {
        Tracer tracer = producer.getBean(Tracer.class);
        IssuanceAuthorized event = authorization();
        Span request = tracer.nextSpan().name("POST /api/v1/authorizations").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            producer.getBean(TestService.Authorizations.class).publish(event);
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            ConsumerRecord<String, byte[]> record = probe.awaitEvent(TYPE, event.authorizationId(), WAIT);
            // version 00, the request's trace and span, then the flags (sampled, and the SDK's random-id bit)
            assertThat(TopicProbe.header(record, "traceparent"))
                    .startsWith("00-" + traceId + "-" + request.context().spanId() + "-");
        }
        String applied = await().atMost(WAIT).until(() -> appliedIn(event), t -> t != null);
        assertThat(TraceContexts.traceIdOf(applied)).isEqualTo(traceId);
        assertThat(applied)
                .as("a span of its own, a child of the request's")
                .doesNotContain(request.context().spanId());
    }

    @Test
    void anEventAppendedOutsideAnyTraceHasNoTraceparentAndItsHandlingStartsOne() {
        IssuanceAuthorized event = authorization();
        producer.getBean(TestService.Authorizations.class).publish(event);

        try (TopicProbe probe = new TopicProbe(brokers, Topics.ADMIN)) {
            ConsumerRecord<String, byte[]> record = probe.awaitEvent(TYPE, event.authorizationId(), WAIT);
            assertThat(TopicProbe.header(record, "traceparent")).isNull();
        }
        String applied = await().atMost(WAIT).until(() -> appliedIn(event), t -> t != null);
        assertThat(TraceContexts.traceIdOf(applied)).matches("\\p{XDigit}{32}");
    }

    private static String appliedIn(IssuanceAuthorized event) {
        return consumer.getBean(TestService.Received.class).tracesApplied.get(event.authorizationId());
    }

    private static IssuanceAuthorized authorization() {
        return new IssuanceAuthorized(
                "C0012345", "U001", UUID.randomUUID().toString(), "ADM01", Instant.parse("2026-11-21T09:00:00Z"));
    }
}

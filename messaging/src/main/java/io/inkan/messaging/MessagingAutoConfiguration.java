package io.inkan.messaging;

import io.inkan.events.EventCodec;
import io.inkan.events.Topics;
import io.inkan.events.UnreadableEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The event plumbing every service shares. A service adds this module, names the topics it reads in
 * {@code inkan.messaging.consumes}, appends events to the {@link Outbox} inside its transactions, and
 * handles inbound events with plain {@code @EventListener} methods (called inside the transaction that
 * marks the event as applied).
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MessagingAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    /** Records travel as a string key and the event's JSON bytes; the codec, not Kafka, reads them. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer inkanProducerSerialization(KafkaProperties kafka) {
        return factory -> {
            factory.setKeySerializer(cast(new StringSerializer()));
            factory.setValueSerializer(cast(new ByteArraySerializer()));
            var configs = new java.util.HashMap<String, Object>(java.util.Map.of(
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            if (!kafka.getProducer().getProperties().containsKey(ProducerConfig.LINGER_MS_CONFIG)
                    && !kafka.getProperties().containsKey(ProducerConfig.LINGER_MS_CONFIG)) {
                // The relay sends a whole batch at once and then waits for it: holding it back for linger.ms (5 ms
                // in Kafka 4) gathers nothing more, and every hop of a certificate's journey paid that wait (issue
                // 15: one client's latency). Records sent while a request is in flight are still batched.
                configs.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            }
            factory.updateConfigs(configs);
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer inkanConsumerDeserialization(
            KafkaProperties kafka, @Value("${spring.application.name}") String service) {
        return factory -> {
            factory.setKeyDeserializer(cast(new StringDeserializer()));
            factory.setValueDeserializer(cast(new ByteArrayDeserializer()));
            var configs = new java.util.HashMap<String, Object>();
            if (kafka.getConsumer().getAutoOffsetReset() == null) {
                configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            }
            if (kafka.getConsumer().getGroupId() == null) {
                configs.put(ConsumerConfig.GROUP_ID_CONFIG, service);
            }
            configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            if (!kafka.getConsumer().getProperties().containsKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)
                    && !kafka.getProperties().containsKey(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG)) {
                // Range assignment (Kafka's first default, said here because it matters): a consumer thread gets the
                // same partitions of every topic, and a key has the same partition in every topic, so one user's
                // records are all on one thread, and two threads' transactions never wait for each other's keys.
                configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
            }
            if (kafka.getConsumer().getMaxPollRecords() == null) {
                // A poll is applied in one transaction: bounded, so that the transaction stays short and, on
                // PostgreSQL, its advisory locks (one per record key) stay well inside the server's lock table.
                configs.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            }
            factory.updateConfigs(configs);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** Every topic of the catalogue and its dead-letter topic, created if missing. */
    @Bean
    KafkaAdmin.NewTopics inkanTopics(MessagingProperties properties) {
        List<org.apache.kafka.clients.admin.NewTopic> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(
                    TopicBuilder.name(topic).partitions(properties.partitions()).build());
            topics.add(TopicBuilder.name(Topics.deadLetter(topic))
                    .partitions(properties.partitions())
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    /**
     * Only a record that is its own fault goes to {@code <topic>-dlt}, at once, with the failure in the
     * {@code kafka_dlt-exception-*} headers, and the consumer goes on with the next record: one that cannot be read
     * ({@link UnreadableEventException}, a foreign type among them) or that the rules refuse
     * ({@link RefusedEventException}). Any other failure (the database or the broker away, a deadlock, a bug) is
     * not the record's: it is tried again until it succeeds, 200 ms after the first failure, then twice as long each
     * time up to {@code inkan.messaging.retry-max-interval}, and the partition waits (the record is sought back, so
     * no later record of it overtakes). A new kind of failure starts the back-off afresh.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler inkanErrorHandler(
            KafkaTemplate<Object, Object> kafka,
            MessagingProperties properties,
            EventRefusals refusals,
            ConsumptionStalls stalls) {
        var deadLetters = new DeadLetterPublishingRecoverer(
                kafka, (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        // Spring's defaults already never stop; said here because never stopping is the point.
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        backOff.setMaxAttempts(Long.MAX_VALUE);
        var handler = new DefaultErrorHandler(
                (record, failure) -> {
                    Exception own = withoutBatchWrapper(failure);
                    refusals.deadLettered(record, own);
                    deadLetters.accept(record, own);
                },
                backOff);
        // Replaces Spring Kafka's own list of exceptions it never retries (ClassCastException and such): a bug is
        // fixed by a release, and the record must still be there, not in a dead-letter topic, when it arrives.
        handler.setClassifications(
                Map.of(UnreadableEventException.class, false, RefusedEventException.class, false), true);
        handler.setResetStateOnExceptionChange(true);
        handler.setRetryListeners(stalls);
        // Every attempt would otherwise log its stack trace at ERROR; ConsumptionStalls logs the stall once.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    /**
     * The failure as it was when each record had its own transaction: the container's wrapper around the listener's
     * own exception, without the {@link BatchListenerFailedException} that only says which record of the poll failed
     * (so that the dead-letter headers name the listener's exception as its cause, as before).
     */
    static Exception withoutBatchWrapper(Exception failure) {
        if (failure instanceof ListenerExecutionFailedException wrapper
                && wrapper.getCause() instanceof BatchListenerFailedException which
                && which.getCause() != null) {
            return new ListenerExecutionFailedException(wrapper.getMessage(), wrapper.getGroupId(), which.getCause());
        }
        if (failure instanceof BatchListenerFailedException which && which.getCause() instanceof Exception cause) {
            return cause;
        }
        return failure;
    }

    /** The partitions waiting for a record being retried: a WARN when it begins, meters, readiness. */
    @Bean
    ConsumptionStalls inkanConsumptionStalls(
            ObjectProvider<MeterRegistry> meters, MessagingProperties properties, Clock clock) {
        return new ConsumptionStalls(meters, properties.consumes(), clock);
    }

    /**
     * {@code eventConsumption} in the health endpoint; each service puts it in its readiness group (its
     * {@code <service>.properties}), beside readinessState, db and kafka.
     */
    @Bean
    EventConsumptionHealthIndicator eventConsumptionHealthIndicator(ConsumptionStalls stalls) {
        return new EventConsumptionHealthIndicator(stalls);
    }

    /** Counts and logs what the consumer refuses; the counters appear in /actuator/prometheus. */
    @Bean
    EventRefusals inkanEventRefusals(ObjectProvider<MeterRegistry> meters, MessagingProperties properties) {
        return new EventRefusals(meters, properties.consumes());
    }

    /** The outbox's backlog, the age of its oldest event and its dead events, as gauges. */
    @Bean
    OutboxMetrics inkanOutboxMetrics(DataSource dataSource, Clock clock, ObjectProvider<MeterRegistry> meters) {
        return new OutboxMetrics(JdbcClient.create(dataSource), clock, meters);
    }

    /** Counts the redelivered events the inbox drops. */
    @Bean
    InboxDuplicates inkanInboxDuplicates(ObjectProvider<MeterRegistry> meters, MessagingProperties properties) {
        return new InboxDuplicates(meters, properties.consumes());
    }

    @Bean
    OutboxRelay outboxRelay(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            KafkaTemplate<Object, Object> kafka,
            MessagingProperties properties,
            Clock clock,
            @Value("${spring.application.name}") String service) {
        return new OutboxRelay(
                JdbcClient.create(dataSource),
                new TransactionTemplate(transactionManager),
                kafka,
                properties,
                "/" + service,
                clock);
    }

    /**
     * The trace context kept with work handed over through a table (outbox rows, queued mails) and carried in
     * the records' {@code traceparent} header; inert when no tracer is configured.
     */
    @Bean
    @ConditionalOnMissingBean
    TraceContexts inkanTraceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer available = tracer.getIfAvailable();
        Propagator propagation = propagator.getIfAvailable();
        return available == null || propagation == null || available == Tracer.NOOP
                ? TraceContexts.off()
                : new TraceContexts(available, propagation);
    }

    /** No request ID in a span's URL: spans may leave for a collector, request IDs are capabilities. */
    @Bean
    ObservationFilter inkanPathsWithoutIds() {
        return new PathsWithoutIds();
    }

    @Bean
    Outbox outbox(
            DataSource dataSource,
            EventCodec codec,
            Clock clock,
            OutboxRelay relay,
            ObjectProvider<CommittedEvents> committed,
            TraceContexts traces) {
        return new Outbox(
                JdbcClient.create(dataSource), codec, clock, relay, KeyLocks.lazilyFor(dataSource), committed, traces);
    }

    @Bean
    Inbox inbox(DataSource dataSource, Clock clock, MessagingProperties properties) {
        return new Inbox(JdbcClient.create(dataSource), clock, properties.inboxRetention());
    }

    /** One consumer for all the topics the service reads, in the group named after the service. */
    @Bean
    ConcurrentMessageListenerContainer<Object, Object> inboundEventsContainer(
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory,
            MessagingProperties properties,
            EventCodec codec,
            Inbox inbox,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher publisher,
            ConsumptionStalls stalls,
            InboxDuplicates duplicates,
            TraceContexts traces,
            @Value("${spring.application.name}") String service) {
        if (properties.consumes().isEmpty()) {
            throw new IllegalStateException("inkan.messaging.consumes names no topic for " + service);
        }
        var container = factory.createContainer(properties.consumes().toArray(String[]::new));
        container.getContainerProperties().setGroupId(service);
        container.getContainerProperties().setClientId(service);
        container.setBeanName(service + "-inbound");
        // Up to one thread per partition: each partition (so each user's records) still has exactly one thread, and
        // the database work of different users overlaps instead of queueing behind one thread (issue 15).
        container.setConcurrency(properties.consumerThreads());
        // Tells the stalls when a record retried at last succeeds, and forgets the partitions this instance loses.
        container.setBatchInterceptor(stalls);
        container.getContainerProperties().setConsumerRebalanceListener(stalls);
        container.setupMessageListener(new InboundEvents(
                codec,
                inbox,
                new TransactionTemplate(transactionManager),
                publisher,
                duplicates,
                traces,
                properties.transactionMaxRecords(),
                properties.transactionMaxTime(),
                System::nanoTime));
        return container;
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties());
    }
}

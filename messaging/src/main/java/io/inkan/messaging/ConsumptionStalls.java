package io.inkan.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;

/**
 * The partitions whose consumption waits for a record that failed for another reason than the record itself (the
 * database or the broker away, a deadlock, a bug) and is being tried again until it succeeds. A stall begins at
 * the record's first such failure and ends when the record is finally handled (applied or skipped, or sent to
 * the dead-letter topic because a later attempt found it refused), or when the partition goes to another consumer.
 *
 * <p>Operators see it three ways: one WARN when a stall begins and one INFO when it ends (the record's position
 * and the failure, never the record's value: it is customers' data, and may be an attacker's text); the counter
 * {@value #RETRIED} of failed attempts by topic and the gauge {@value #STALLED} of partitions stalled now; and
 * readiness, which is not UP while any partition is stalled ({@link EventConsumptionHealthIndicator}).
 */
final class ConsumptionStalls
        implements RetryListener,
                BatchInterceptor<Object, Object>,
                ConsumerAwareRebalanceListener,
                SmartInitializingSingleton {
    static final String RETRIED = "inkan.events.retried";
    static final String STALLED = "inkan.events.stalled";

    private static final Logger log = LoggerFactory.getLogger(ConsumptionStalls.class);

    private final Map<TopicPartition, Stall> stalls = new ConcurrentHashMap<>();
    private final ObjectProvider<MeterRegistry> meters;
    private final List<String> topics;
    private final Clock clock;

    ConsumptionStalls(ObjectProvider<MeterRegistry> meters, List<String> topics, Clock clock) {
        this.meters = meters;
        this.topics = topics;
        this.clock = clock;
    }

    /** A record stalled on: where, since when, how many attempts failed, and the class of the failure that began it. */
    record Stall(String topic, int partition, long offset, Instant since, AtomicInteger attempts, String failure) {}

    /** The meters exist from the start, at zero, so an alert sees the first stall as an increase. */
    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            topics.forEach(topic -> retried(registry, topic));
            Gauge.builder(STALLED, stalls, Map::size)
                    .description("Partitions whose consumption waits for a record being retried")
                    .register(registry);
        }
    }

    /** Called by the error handler for every failed attempt, before it waits and tries again. */
    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
        if (EventRefusals.refusedForGood(failure)) {
            return; // not retried: it goes to the dead-letter topic at once, and nothing waits for it
        }
        var partition = new TopicPartition(record.topic(), record.partition());
        Throwable cause = listenersOwn(failure);
        // One consumer thread per partition: no other thread changes this partition's entry meanwhile.
        Stall stall = stalls.get(partition);
        if (stall == null || stall.offset() != record.offset()) {
            stall = new Stall(
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    clock.instant(),
                    new AtomicInteger(),
                    cause.getClass().getName());
            stalls.put(partition, stall);
            log.warn(
                    "Consumption of {} waits: the record at offset {} failed ({}: {}) and is tried again until it"
                            + " succeeds; no later record of the partition is applied before it",
                    partition,
                    record.offset(),
                    cause.getClass().getName(),
                    cause.getMessage());
        }
        stall.attempts().incrementAndGet();
        MeterRegistry registry = meters.getIfAvailable();
        if (registry != null) {
            retried(registry, record.topic()).increment();
        }
    }

    /** A record that failed before went to the dead-letter topic: a later attempt found it refused. */
    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        handled(record, "went to the dead-letter topic");
    }

    @Override
    public ConsumerRecords<Object, Object> intercept(
            ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        return records;
    }

    /** A poll was applied: a stall on any of its partitions is over (the records are in offset order). */
    @Override
    public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
        if (stalls.isEmpty()) {
            return;
        }
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<Object, Object>> applied = records.records(partition);
            if (!applied.isEmpty()) {
                handled(applied.getLast(), "was handled");
            }
        }
    }

    /** The partition is another consumer's now; a stall there is its concern, not this instance's readiness. */
    @Override
    public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(stalls::remove);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(stalls::remove);
    }

    /** The stalls now, oldest first. */
    List<Stall> current() {
        return stalls.values().stream()
                .sorted(Comparator.comparing(Stall::since))
                .toList();
    }

    private void handled(ConsumerRecord<?, ?> record, String how) {
        var partition = new TopicPartition(record.topic(), record.partition());
        Stall stall = stalls.get(partition);
        // One consumer thread per partition: nothing changes the entry between these two lines but a rebalance.
        if (stall != null && stall.offset() <= record.offset() && stalls.remove(partition, stall)) {
            log.info(
                    "Consumption of {} goes on: the record at offset {} {} after {} failed attempts since {}",
                    partition,
                    stall.offset(),
                    how,
                    stall.attempts().get(),
                    stall.since());
        }
    }

    private Counter retried(MeterRegistry registry, String topic) {
        return Counter.builder(RETRIED)
                .description("Failed attempts at consumed records that are tried again")
                .tag("topic", topic)
                .register(registry);
    }

    /** The listener's own exception, not the container's wrapper around it. */
    private static Throwable listenersOwn(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ListenerExecutionFailedException || cause instanceof BatchListenerFailedException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

package io.inkan.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches topics the way an operator would, from the beginning, in a group of its own. Tests wait
 * for a record with a deadline instead of sleeping.
 */
public final class TopicProbe implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    public TopicProbe(String bootstrapServers, String... topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "probe-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /** Waits until a record matching {@code condition} has arrived; fails after {@code timeout}. */
    public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ConsumerRecord<String, byte[]>> match =
                    seen.stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching record within " + timeout + "; seen " + describe());
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Waits for a record of {@code ce_type} {@code type} whose JSON value contains {@code text}. */
    public ConsumerRecord<String, byte[]> awaitEvent(String type, String text, Duration timeout) {
        return await(r -> type.equals(header(r, "ce_type")) && value(r).contains(text), timeout);
    }

    /** Reads whatever has arrived for {@code quiet}, then returns everything seen so far. */
    public List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
        Instant until = Instant.now().plus(quiet);
        while (Instant.now().isBefore(until)) {
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(seen);
    }

    public List<ConsumerRecord<String, byte[]>> seen() {
        return List.copyOf(seen);
    }

    private void poll(Duration timeout) {
        consumer.poll(timeout).forEach(seen::add);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    }

    private String describe() {
        return seen.stream()
                .map(r -> r.topic() + " " + header(r, "ce_type") + " key=" + r.key())
                .toList()
                .toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}

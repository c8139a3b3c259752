package io.inkan.frontend;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequestRefused;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import io.inkan.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one background thread of a client: reads the result topics and completes the futures of the
 * requests this client submitted. It assigns itself every partition and starts at the end offsets it
 * finds at start-up (no consumer group, nothing committed), so it sees only what is published after it
 * became {@link #ready()}; submissions wait for that, so no outcome can slip past unseen.
 */
final class ResultListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultListener.class);
    private static final List<String> TOPICS = List.of(Topics.ISSUANCE, Topics.AUTH);
    private static final Set<String> OUTCOME_TYPES = Set.of(
            EventTypes.nameOf(CertificateIssued.class),
            EventTypes.nameOf(CertificateRejected.class),
            EventTypes.nameOf(CertificateRequestRefused.class));
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long TOPIC_REFRESH_MILLIS = 10_000;

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean topicMissing;

    ResultListener(Map<String, Object> consumerConfig, String threadName) {
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes once the listener has fixed its start offsets; never completes if Kafka stays unreachable. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    void expect(String requestId, CompletableFuture<Outcome> outcome) {
        pending.put(requestId, outcome);
    }

    void forget(String requestId) {
        pending.remove(requestId);
    }

    private void run() {
        try {
            while (running && !ready.isDone()) {
                try {
                    assignNewPartitions(true);
                    ready.complete(null);
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    log.warn("Kafka is not reachable yet ({}); retrying", e.getMessage());
                }
            }
            long nextRefresh = System.currentTimeMillis() + TOPIC_REFRESH_MILLIS;
            while (running) {
                if (topicMissing && System.currentTimeMillis() >= nextRefresh) {
                    nextRefresh = System.currentTimeMillis() + TOPIC_REFRESH_MILLIS;
                    tryAssignNewPartitions();
                }
                if (assigned.isEmpty()) {
                    sleepQuietly();
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                log.error("result listener woken up unexpectedly", e);
            }
        } catch (KafkaException | IllegalStateException e) {
            log.error("result listener stopped: {}", e.toString());
            failPending(new FrontendUnavailableException("the result listener stopped: " + e.getMessage(), e));
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void tryAssignNewPartitions() {
        try {
            assignNewPartitions(false);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            log.debug("topic metadata not available: {}", e.getMessage());
        }
    }

    /**
     * At start-up new partitions begin at their end (only new records matter); a topic that appears
     * later is read from its beginning, since all of it is newer than this client.
     */
    private void assignNewPartitions(boolean atStartUp) {
        List<TopicPartition> found = new ArrayList<>();
        topicMissing = false;
        for (String topic : TOPICS) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                topicMissing = true;
                continue;
            }
            partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .filter(p -> !assigned.contains(p))
                    .forEach(found::add);
        }
        if (found.isEmpty()) {
            return;
        }
        assigned.addAll(found);
        consumer.assign(assigned);
        if (atStartUp) {
            consumer.seekToEnd(found);
        } else {
            consumer.seekToBeginning(found);
        }
        // resolve the positions now, before anything is submitted
        found.forEach(consumer::position);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (type == null || !OUTCOME_TYPES.contains(type)) {
            return;
        }
        Optional<InkanEvent> event;
        try {
            event = codec.decode(type, record.value());
        } catch (UnreadableEventException e) {
            log.warn(
                    "skipping an unreadable {} at {}-{}@{}", type, record.topic(), record.partition(), record.offset());
            return;
        }
        event.flatMap(ResultListener::outcome).ifPresent(outcome -> {
            CompletableFuture<Outcome> future = pending.remove(outcome.requestId());
            if (future != null) {
                future.complete(outcome);
            }
        });
    }

    private static Optional<Outcome> outcome(InkanEvent event) {
        return switch (event) {
            case CertificateIssued i ->
                Optional.of(new Outcome.Issued(
                        i.requestId(),
                        i.contractId(),
                        i.userId(),
                        i.kind() == null ? null : i.kind().name(),
                        i.serialNumber(),
                        i.subject(),
                        i.issuer(),
                        i.notBefore(),
                        i.notAfter(),
                        i.sha256Fingerprint(),
                        i.certificatePem(),
                        i.chainPem(),
                        i.replacesSerialNumber()));
            case CertificateRejected r ->
                Optional.of(new Outcome.Rejected(r.requestId(), r.reason().name(), r.detail()));
            case CertificateRequestRefused r ->
                Optional.of(new Outcome.Refused(r.requestId(), r.reason().name()));
            default -> Optional.empty();
        };
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void failPending(RuntimeException failure) {
        pending.values().forEach(future -> future.completeExceptionally(failure));
        pending.clear();
        ready.completeExceptionally(failure);
    }

    /** Stops the thread; submissions still waiting fail with an {@link IllegalStateException}. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending(new IllegalStateException("the Inkan front-end client was closed"));
    }
}

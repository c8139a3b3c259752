package io.inkan.benchmarks;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline without auth-service's HTTP and Argon2 in front: {@code CertificateRequested} records written straight
 * to {@code inkan.auth.events}, as auth-service's outbox relay writes them (same key, same CloudEvents headers, source
 * {@code /auth-service}), and the answers ({@code CertificateIssued} or {@code CertificateRejected}) read back from
 * {@code inkan.issuance.events} by request ID. A fixed number of requests is kept in flight, so issuance-service
 * always has work queued: what comes back per second is its throughput.
 */
final class KafkaPipeline implements AutoCloseable {
    private static final EventCodec CODEC = new EventCodec();

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;

    /** What came back, by request ID: {@code ISSUED} or the rejection reason. */
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    KafkaPipeline(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000),
                new StringSerializer(),
                new ByteArraySerializer());
        consumer = reader(bootstrapServers);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.ISSUANCE, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the positions now, before anything is written
    }

    /** A consumer of the services' topics outside any group, reading only committed records, as a service would. */
    static KafkaConsumer<String, byte[]> reader(String bootstrapServers) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /** A request of a known user, as auth-service would publish it after checking the password. */
    record Request(String contractId, String userId, String csrPem) {}

    /** Fresh keys and CSRs for {@code count} requests over the users (a key is certified once: KEY_REUSED). */
    static List<Request> prepare(int count, List<LoadDriver.User> users) {
        return IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> {
                    LoadDriver.User user = users.get(i % users.size());
                    return new Request(user.contractId(), user.userId(), LoadDriver.freshCsr());
                })
                .toList();
    }

    /** {@code unanswered}: written but still without an answer after the drain. */
    record Outcome(int written, int issued, int rejected, Set<String> reasons, double seconds, int unanswered) {
        double perSecond() {
            return issued / seconds;
        }
    }

    /**
     * Keeps {@code inFlight} requests written and not yet answered (enough that issuance-service never runs out of
     * work, few enough that it has caught up soon after the window) for {@code window}, or until the prepared
     * requests run out; the rate is the certificates issued in the window over its length. Then waits (at most
     * {@code drain}) for the answers still outstanding, so that the next measurement does not share the machine with
     * this one's backlog.
     */
    Outcome run(List<Request> requests, int inFlight, Duration window, Duration drain) {
        Set<String> ours = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        long end = start + window.toNanos();
        int next = 0;
        int issued = 0;
        int rejected = 0;
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        long now = start;
        while (now < end) {
            int outstanding = ours.size() - answers.size();
            if (next >= requests.size() && outstanding == 0) {
                break; // all prepared requests answered before the window closed
            }
            while (outstanding < inFlight && next < requests.size()) {
                Request request = requests.get(next++);
                String requestId = UUID.randomUUID().toString();
                ours.add(requestId);
                send(new CertificateRequested(
                        requestId,
                        request.contractId(),
                        request.userId(),
                        RequestKind.NEW,
                        request.csrPem(),
                        Instant.now()));
                outstanding++;
            }
            producer.flush();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                Optional<String> answer = answer(record, ours);
                if (answer.isPresent() && System.nanoTime() <= end) {
                    if (answer.get().equals("ISSUED")) {
                        issued++;
                    } else {
                        rejected++;
                        reasons.add(answer.get());
                    }
                }
            }
            now = System.nanoTime();
        }
        double seconds = (Math.min(now, end) - start) / 1e9;
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (answers.size() < ours.size() && System.nanoTime() < drainUntil) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                answer(record, ours);
            }
        }
        return new Outcome(ours.size(), issued, rejected, reasons, seconds, ours.size() - answers.size());
    }

    private void send(CertificateRequested event) {
        String type = EventTypes.nameOf(event);
        List<Header> headers = new ArrayList<>(List.of(
                header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0),
                header(CloudEventHeaders.ID, UUID.randomUUID().toString()),
                header(CloudEventHeaders.TYPE, type),
                header(CloudEventHeaders.SOURCE, "/auth-service"),
                header(CloudEventHeaders.TIME, event.requestedAt().toString()),
                header(CloudEventHeaders.SUBJECT, event.key()),
                header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON)));
        producer.send(new ProducerRecord<>(Topics.AUTH, null, null, event.key(), CODEC.encode(event), headers));
    }

    /** The answer to one of our requests, the first time it is seen (a record may arrive twice: same ce_id). */
    private Optional<String> answer(ConsumerRecord<String, byte[]> record, Set<String> ours) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null) {
            return Optional.empty();
        }
        Optional<InkanEvent> event = CODEC.decode(new String(type.value(), StandardCharsets.UTF_8), record.value());
        String requestId;
        String outcome;
        if (event.isPresent() && event.get() instanceof CertificateIssued issued) {
            requestId = issued.requestId();
            outcome = "ISSUED";
        } else if (event.isPresent() && event.get() instanceof CertificateRejected rejected) {
            requestId = rejected.requestId();
            outcome = rejected.reason().name();
        } else {
            return Optional.empty();
        }
        if (!ours.contains(requestId) || answers.putIfAbsent(requestId, outcome) != null) {
            return Optional.empty();
        }
        return Optional.of(outcome);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}

package io.inkan.benchmarks;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Where a password client's time goes, hop by hop, from the times the client saw and the times Kafka stamped on the
 * two records of the journey (the producer's clock when the relay sent them; everything runs on one machine):
 *
 * <ol>
 *   <li>POST sent → 202 Accepted: the password check and the commit;
 *   <li>→ {@code CertificateRequested} sent by auth-service's relay: the relay's wake-up (it may come before the 202
 *       reaches the client);
 *   <li>→ {@code CertificateIssued} sent by issuance-service's relay: the broker, the consumer, the issuance, the
 *       CRL of the certificate it supersedes, the commit and the relay;
 *   <li>→ ISSUED answered to the waiting {@code GET}: the broker, auth-service's consumer, its commit and the
 *       wake-up of the waiting request.
 * </ol>
 *
 * Kafka's timestamps have millisecond resolution: the medians are good to about a millisecond.
 */
final class JourneyHops {
    private static final EventCodec CODEC = new EventCodec();

    /** What the client saw of one request, in epoch milliseconds. */
    record Journey(String requestId, long posted, long accepted, long answered) {}

    private final List<Journey> journeys = Collections.synchronizedList(new ArrayList<>());

    void record(Journey journey) {
        journeys.add(journey);
    }

    boolean isEmpty() {
        return journeys.isEmpty();
    }

    /** Medians in milliseconds: the three hops and how many journeys both records were found for. */
    record Medians(double accepted, double requested, double issued, double answered, int journeys) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "POST answered %.0f ms, then CertificateRequested sent %+.0f ms, CertificateIssued sent %.0f ms"
                            + " later, ISSUED answered %.0f ms later (medians of %d)",
                    accepted,
                    requested,
                    issued,
                    answered,
                    journeys);
        }
    }

    /** Reads the journeys' two records back from the topics and takes the median of each hop. */
    Medians medians(String bootstrapServers) {
        List<Journey> recorded = List.copyOf(journeys);
        long since = recorded.stream().mapToLong(Journey::posted).min().orElseThrow() - 1_000;
        Map<String, Long> requested = sentAt(bootstrapServers, Topics.AUTH, since, CertificateRequested.class);
        Map<String, Long> issued = sentAt(bootstrapServers, Topics.ISSUANCE, since, CertificateIssued.class);
        List<Long> toAccepted = new ArrayList<>();
        List<Long> toRequested = new ArrayList<>();
        List<Long> toIssued = new ArrayList<>();
        List<Long> toAnswered = new ArrayList<>();
        for (Journey journey : recorded) {
            Long r = requested.get(journey.requestId());
            Long i = issued.get(journey.requestId());
            if (r != null && i != null) {
                toAccepted.add(journey.accepted() - journey.posted());
                toRequested.add(r - journey.accepted());
                toIssued.add(i - r);
                toAnswered.add(journey.answered() - i);
            }
        }
        return new Medians(
                median(toAccepted), median(toRequested), median(toIssued), median(toAnswered), toRequested.size());
    }

    private static <E extends InkanEvent> Map<String, Long> sentAt(
            String bootstrapServers, String topic, long since, Class<E> type) {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaPipeline.reader(bootstrapServers)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, since));
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(query, Duration.ofSeconds(10));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = from.get(partition);
                consumer.seek(partition, offset == null ? end.get(partition) : offset.offset());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    requestId(record, type).ifPresent(id -> sent.putIfAbsent(id, record.timestamp()));
                }
            }
        }
        return sent;
    }

    private static Optional<String> requestId(ConsumerRecord<String, byte[]> record, Class<?> type) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (header == null) {
            return Optional.empty();
        }
        return CODEC.decode(new String(header.value(), StandardCharsets.UTF_8), record.value())
                .filter(type::isInstance)
                .map(event -> switch (event) {
                    case CertificateRequested r -> r.requestId();
                    case CertificateIssued i -> i.requestId();
                    default -> null;
                });
    }

    private static double median(List<Long> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

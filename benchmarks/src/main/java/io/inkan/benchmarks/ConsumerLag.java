package io.inkan.benchmarks;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the services' consumer groups are behind the topics they read. The pipeline measurement stops counting
 * when issuance-service has answered, but auth-, admin- and notification-service are still working through the
 * {@code CertificateIssued} records then (the mails above all); a measurement started before they are done shares the
 * machine with them and reads slower than it is. The driver waits for this to reach zero between measurements.
 */
final class ConsumerLag implements AutoCloseable {
    private final Admin admin;

    ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                // the client refuses to start when a call's timeout is below one request's (30 s by default)
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    }

    /** Records written but not yet committed by the group that reads them, summed over the services' groups. */
    long total() {
        try {
            Collection<ConsumerGroupListing> groups =
                    admin.listConsumerGroups().all().get();
            Map<TopicPartition, Long> committed = new HashMap<>();
            long behind = 0;
            for (ConsumerGroupListing group : groups) {
                committed.clear();
                admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .forEach((partition, offset) -> {
                            if (offset != null) {
                                committed.put(partition, offset.offset());
                            }
                        });
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                                committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                        .all()
                        .get();
                for (Map.Entry<TopicPartition, Long> entry : committed.entrySet()) {
                    behind += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue());
                }
            }
            return behind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not say how far the consumers are", e.getCause());
        }
    }

    /**
     * Waits until every group has caught up, or the patience is spent; answers how long it took, or {@code null} when
     * the groups were still behind at the end.
     */
    Duration awaitCaughtUp(Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (total() == 0) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(200); // polls the broker's figures, not waiting for time to pass
        }
        return null;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}

package io.inkan.messaging;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.messaging.*}: how a service exchanges events.
 *
 * @param consumes the topics this service reads; its consumer group is {@code spring.application.name}
 * @param partitions partitions of every topic and dead-letter topic created at start-up
 * @param relayInterval how often the outbox is polled when no commit has woken the relay
 * @param relayBatchSize how many events one relay round sends at most
 * @param retryMaxInterval the longest wait between two attempts at a record whose handling failed for
 *     another reason than the record itself (the database or the broker away): such a record is tried again
 *     until it succeeds, 200 ms after the first failure, then twice as long each time up to this; keep it
 *     well under the consumer's {@code max.poll.interval.ms} (5 minutes). The former
 *     {@code inkan.messaging.retries} (a bound after which such a record went to the dead-letter topic) is
 *     gone and ignored if still set: nothing but an unreadable or refused record goes there now.
 * @param inboxRetention how long the IDs of applied events are kept to recognise redeliveries
 * @param concurrency how many consumer threads the service runs for its topics; each takes whole partitions, so
 *     one user's events (one record key, one partition) are still applied one after the other, in order. 0 (the
 *     default): as many as the machine has processors, at least 2, never more than {@code partitions} (a thread
 *     beyond the partitions would get none)
 * @param transactionMaxRecords how many of a poll's records one transaction applies at most (a poll brings up to
 *     {@code spring.kafka.consumer.max-poll-records}, 100 by default)
 * @param transactionMaxTime after how long applying a poll's records commits what it applied so far and goes on in
 *     a new transaction: the events the first records appended to the outbox wait at most about this long for
 *     their commit, however long the rest of the poll takes
 */
@Validated
@ConfigurationProperties("inkan.messaging")
public record MessagingProperties(
        List<String> consumes,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("PT0.5S") @NotNull Duration relayInterval,
        @DefaultValue("500") @Min(1) int relayBatchSize,
        @DefaultValue("PT10S") @NotNull Duration retryMaxInterval,
        @DefaultValue("P14D") @NotNull Duration inboxRetention,
        @DefaultValue("0") @Min(0) int concurrency,
        @DefaultValue("100") @Min(1) int transactionMaxRecords,
        @DefaultValue("PT0.1S") @NotNull Duration transactionMaxTime) {

    public MessagingProperties {
        consumes = consumes == null
                ? List.of()
                : consumes.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** The consumer threads to run: {@link #concurrency()} resolved as its description says. */
    public int consumerThreads() {
        int wanted =
                concurrency > 0 ? concurrency : Math.max(2, Runtime.getRuntime().availableProcessors());
        return Math.min(wanted, partitions);
    }
}

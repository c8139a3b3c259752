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
 */
@Validated
@ConfigurationProperties("inkan.messaging")
public record MessagingProperties(
        List<String> consumes,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("PT0.5S") @NotNull Duration relayInterval,
        @DefaultValue("500") @Min(1) int relayBatchSize,
        @DefaultValue("PT10S") @NotNull Duration retryMaxInterval,
        @DefaultValue("P14D") @NotNull Duration inboxRetention) {

    public MessagingProperties {
        consumes = consumes == null
                ? List.of()
                : consumes.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}

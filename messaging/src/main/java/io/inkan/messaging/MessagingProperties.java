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
 * @param retries how often a record whose handling failed for a transient reason is tried again
 *     (with exponential back-off) before it goes to the dead-letter topic
 * @param inboxRetention how long the IDs of applied events are kept to recognise redeliveries
 */
@Validated
@ConfigurationProperties("inkan.messaging")
public record MessagingProperties(
        List<String> consumes,
        @DefaultValue("6") @Min(1) int partitions,
        @DefaultValue("PT0.5S") @NotNull Duration relayInterval,
        @DefaultValue("500") @Min(1) int relayBatchSize,
        @DefaultValue("8") @Min(0) int retries,
        @DefaultValue("P14D") @NotNull Duration inboxRetention) {

    public MessagingProperties {
        consumes = consumes == null
                ? List.of()
                : consumes.stream().map(String::trim).filter(t -> !t.isEmpty()).toList();
    }
}

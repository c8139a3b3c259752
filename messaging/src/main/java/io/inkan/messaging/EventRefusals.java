package io.inkan.messaging;

import io.inkan.events.Topics;
import io.inkan.events.UnreadableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Accounts for the records a consumer refuses before they go to the dead-letter topic (those it cannot read,
 * and those the rules refuse, {@link RefusedEventException}): a counter
 * {@code inkan.events.refused} by topic and reason, and for a record of a foreign type (someone
 * writing on a topic what only another producer may publish) a WARN on the logger {@value
 * #SECURITY_LOGGER}, so operators can alert on both. Nothing of the record's value is logged: it may
 * hold sealed secrets, and it is the attacker's text.
 */
final class EventRefusals implements SmartInitializingSingleton {
    static final String SECURITY_LOGGER = "io.inkan.security";
    static final String METER = "inkan.events.refused";
    static final String FOREIGN_TYPE = "foreign-type";
    static final String UNREADABLE = "unreadable";
    static final String REFUSED = "refused";

    private static final Logger log = LoggerFactory.getLogger(EventRefusals.class);
    private static final Logger security = LoggerFactory.getLogger(SECURITY_LOGGER);

    private final ObjectProvider<MeterRegistry> meters;
    private final List<String> topics;

    EventRefusals(ObjectProvider<MeterRegistry> meters, List<String> topics) {
        this.meters = meters;
        this.topics = topics;
    }

    /** The counters exist from the start at zero, so an alert sees the first refusal as an increase. */
    @Override
    public void afterSingletonsInstantiated() {
        topics.forEach(topic -> List.of(FOREIGN_TYPE, UNREADABLE, REFUSED).forEach(reason -> counter(topic, reason)));
    }

    /**
     * True when retrying cannot help: the record cannot be read, or the rules refuse it. Such a record goes to the
     * dead-letter topic at once; any other failure is the world's, not the record's, and is retried.
     */
    static boolean refusedForGood(Throwable failure) {
        return refusal(failure).isPresent();
    }

    /** Called for every record on its way to the dead-letter topic, with the failure that sent it. */
    void deadLettered(ConsumerRecord<?, ?> record, Exception failure) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String deadLetter = Topics.deadLetter(record.topic());
        switch (refusal(failure).orElse(null)) {
            case ForeignEventTypeException foreign -> {
                security.warn(
                        "SECURITY refused event at {}: {}; not applied, sent to {}",
                        where,
                        foreign.getMessage(),
                        deadLetter);
                counter(record.topic(), FOREIGN_TYPE).ifPresent(Counter::increment);
            }
            case UnreadableEventException unreadable -> {
                log.warn("Record {} goes to {}: {}", where, deadLetter, unreadable.getMessage());
                counter(record.topic(), UNREADABLE).ifPresent(Counter::increment);
            }
            case RefusedEventException refused -> {
                log.warn("Record {} goes to {}: the rules refuse it: {}", where, deadLetter, refused.getMessage());
                counter(record.topic(), REFUSED).ifPresent(Counter::increment);
            }
            // Nothing else is sent there by the error handler; kept so that a change there is still logged.
            case null, default -> log.warn("Record {} goes to {}: {}", where, deadLetter, message(failure));
        }
    }

    private static Optional<RuntimeException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException || cause instanceof RefusedEventException) {
                return Optional.of((RuntimeException) cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    private static String message(Exception failure) {
        return failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
    }

    private Optional<Counter> counter(String topic, String reason) {
        return Optional.ofNullable(meters.getIfAvailable())
                .map(registry -> Counter.builder(METER)
                        .description("Consumed records refused and sent to the dead-letter topic")
                        .tag("topic", topic)
                        .tag("reason", reason)
                        .register(registry));
    }
}

package io.inkan.messaging;

import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import io.inkan.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns consumed records into in-process events. Each record is decoded by its {@code ce_type} and
 * handed to the service's {@code @EventListener} methods inside one transaction with its inbox row, so
 * the effect and the "seen" mark commit together. A known type that does not belong to the record's
 * topic ({@link Topics#carries}) is never applied and goes to the dead-letter topic at once, like an
 * unreadable record. Unknown types are skipped (a newer producer may publish events this version does
 * not know); a listener's other failures are retried with back-off.
 */
final class InboundEvents implements MessageListener<Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher listeners;
    private final InboxDuplicates duplicates;

    InboundEvents(
            EventCodec codec,
            Inbox inbox,
            TransactionTemplate transactions,
            ApplicationEventPublisher listeners,
            InboxDuplicates duplicates) {
        this.codec = codec;
        this.inbox = inbox;
        this.transactions = transactions;
        this.listeners = listeners;
        this.duplicates = duplicates;
    }

    @Override
    public void onMessage(ConsumerRecord<Object, Object> record) {
        String type = header(record, CloudEventHeaders.TYPE).orElseGet(() -> onlyTypeOf(record.topic()));
        Optional<Class<? extends InkanEvent>> known = EventTypes.classOf(type);
        if (known.isPresent() && !Topics.carries(record.topic(), known.get())) {
            // Checked before the value is even read: whoever may write this topic cannot speak for
            // another producer, however well-formed the event.
            throw new ForeignEventTypeException(type, record.topic());
        }
        if (!(record.value() instanceof byte[] value)) {
            throw new UnreadableEventException("record without a value");
        }
        Optional<InkanEvent> event = codec.decode(type, value);
        if (event.isEmpty()) {
            log.debug(
                    "Skipping {} at {}-{}@{}: unknown to this version",
                    type,
                    record.topic(),
                    record.partition(),
                    record.offset());
            return;
        }
        // A record without ce_id (a hand-made one) is still applied once: its position is unique.
        String eventId = header(record, CloudEventHeaders.ID)
                .orElseGet(() -> record.topic() + "/" + record.partition() + "/" + record.offset());
        transactions.executeWithoutResult(status -> {
            if (inbox.firstDelivery(eventId, record.topic())) {
                listeners.publishEvent(event.get());
            } else {
                log.debug("Skipping redelivered event {}", eventId);
                duplicates.dropped(record.topic());
            }
        });
    }

    /** The front ends' topic carries one type, so a record there may omit {@code ce_type}. */
    private static String onlyTypeOf(String topic) {
        if (Topics.FRONTEND_REQUESTS.equals(topic)) {
            return EventTypes.nameOf(CertificateRequestSubmitted.class);
        }
        throw new UnreadableEventException("record without a " + CloudEventHeaders.TYPE + " header");
    }

    private static Optional<String> header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}

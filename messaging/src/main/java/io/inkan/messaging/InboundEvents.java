package io.inkan.messaging;

import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import io.inkan.events.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns consumed records into in-process events. Each record is decoded by its {@code ce_type} and
 * handed to the service's {@code @EventListener} methods inside a transaction with its inbox row, so
 * the effect and the "seen" mark commit together. A known type that does not belong to the record's
 * topic ({@link Topics#carries}) is never applied and goes to the dead-letter topic at once, like an
 * unreadable record. Unknown types are skipped (a newer producer may publish events this version does
 * not know); a listener's other failures are retried with back-off.
 *
 * <p>A poll's records are applied in as few transactions as possible (issue 15: a commit per record was most of the
 * consumer's time on PostgreSQL): one transaction applies records until it has applied {@code transactionMaxRecords}
 * or has run {@code transactionMaxTime}, whichever comes first, then commits, and the next one goes on with the
 * following record. The cap keeps the events the first records appended to the outbox from waiting for the whole
 * poll. Should record {@code i} fail, its transaction rolls back, the records of that transaction before {@code i}
 * (which did apply) are applied again and committed in a transaction of their own, and record {@code i} is handed
 * to the error handler as the failed one ({@link BatchListenerFailedException}): it commits the offsets before it,
 * and retries record {@code i} or sends it to the dead-letter topic exactly as it did when each record had its own
 * transaction. The failed record itself is not run twice. Within the poll, records of one partition are applied in
 * order, on this one thread, so one user's events stay in order. A crash loses nothing: what was not committed is
 * consumed again (its offset was not committed either), and what was committed before its offset is dropped by the
 * inbox when it comes again.
 */
final class InboundEvents implements BatchMessageListener<Object, Object> {
    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final Inbox inbox;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher listeners;
    private final InboxDuplicates duplicates;
    private final TraceContexts traces;
    private final int maxRecords;
    private final long maxNanos;
    private final LongSupplier nanoTime;

    /**
     * @param maxRecords records one transaction applies at most
     * @param maxTime how long one transaction goes on applying records before it commits
     * @param nanoTime elapsed time in nanoseconds ({@code System::nanoTime}; a test's own)
     */
    InboundEvents(
            EventCodec codec,
            Inbox inbox,
            TransactionTemplate transactions,
            ApplicationEventPublisher listeners,
            InboxDuplicates duplicates,
            TraceContexts traces,
            int maxRecords,
            Duration maxTime,
            LongSupplier nanoTime) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("a transaction applies at least one record");
        }
        this.maxRecords = maxRecords;
        this.maxNanos = maxTime.toNanos();
        this.nanoTime = nanoTime;
        this.traces = traces;
        this.codec = codec;
        this.inbox = inbox;
        this.transactions = transactions;
        this.listeners = listeners;
        this.duplicates = duplicates;
    }

    @Override
    public void onMessage(List<ConsumerRecord<Object, Object>> records) {
        int next = 0;
        while (next < records.size()) {
            next = applyFrom(records, next);
        }
    }

    /** Applies records from {@code first} on in one transaction, up to the caps; returns the index after them. */
    private int applyFrom(List<ConsumerRecord<Object, Object>> records, int first) {
        int[] at = {first};
        boolean[] allApplied = {false};
        long started = nanoTime.getAsLong();
        try {
            transactions.executeWithoutResult(status -> {
                do {
                    apply(records.get(at[0]));
                    at[0]++;
                } while (at[0] < records.size()
                        && at[0] - first < maxRecords
                        && nanoTime.getAsLong() - started < maxNanos);
                allApplied[0] = true;
            });
            return at[0];
        } catch (RuntimeException failure) {
            // The commit itself failed: nothing of this transaction applied, it is tried again from its first record.
            int failed = allApplied[0] ? first : at[0];
            applyAgain(records.subList(first, failed));
            throw new BatchListenerFailedException(failure.getMessage(), failure, records.get(failed));
        }
    }

    /** The records before the failed one, which did apply, in a transaction of their own. */
    private void applyAgain(List<ConsumerRecord<Object, Object>> before) {
        if (before.isEmpty()) {
            return;
        }
        int[] at = {0};
        try {
            transactions.executeWithoutResult(status -> {
                for (; at[0] < before.size(); at[0]++) {
                    apply(before.get(at[0]));
                }
            });
        } catch (RuntimeException failure) {
            int failed = at[0] < before.size() ? at[0] : 0;
            throw new BatchListenerFailedException(failure.getMessage(), failure, before.get(failed));
        }
    }

    /**
     * One record, inside the caller's transaction, in a span of its own: a child of the trace its {@code traceparent}
     * header carries, so its effect (log lines, the events the handler appends to the outbox) stays in the trace of
     * the request that started it. A record without the header starts a new trace.
     */
    private void apply(ConsumerRecord<Object, Object> record) {
        // "<destination> process", as OpenTelemetry's messaging conventions name it
        traces.consuming(record.headers(), record.topic() + " process", () -> applyTraced(record));
    }

    private void applyTraced(ConsumerRecord<Object, Object> record) {
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
        if (inbox.firstDelivery(eventId, record.topic())) {
            listeners.publishEvent(event.get());
        } else {
            log.debug("Skipping redelivered event {}", eventId);
            duplicates.dropped(record.topic());
        }
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

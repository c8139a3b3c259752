package io.inkan.messaging;

import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes events the only safe way: as rows in the same database transaction as the state change
 * they report. If the transaction rolls back, the event never existed; once it commits, the relay
 * sends it to its topic with the CloudEvents headers, in commit order per record key: an append locks
 * its record key until its transaction ends ({@link KeyLocks}), so a second transaction appending for
 * the same key waits, takes the next id, and commits after the first. Once it has committed, the service's
 * {@link CommittedEvents} (its meters) are told of it.
 */
public class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final Clock clock;
    private final OutboxRelay relay;
    private final KeyLocks keyLocks;
    private final ObjectProvider<CommittedEvents> committed;
    private final TraceContexts traces;

    Outbox(
            JdbcClient jdbc,
            EventCodec codec,
            Clock clock,
            OutboxRelay relay,
            KeyLocks keyLocks,
            ObjectProvider<CommittedEvents> committed,
            TraceContexts traces) {
        this.traces = traces;
        this.jdbc = jdbc;
        this.codec = codec;
        this.clock = clock;
        this.relay = relay;
        this.keyLocks = keyLocks;
        this.committed = committed;
    }

    /**
     * Records {@code event} for publication when the current transaction commits. Waits while another
     * transaction that appended an event of the same record key is still open, and holds that key itself
     * until this transaction ends: keep transactions that append short.
     *
     * @throws IllegalStateException outside a transaction: an event without its state change is a
     *     dual write waiting to happen
     */
    public void append(InkanEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Outbox.append must run inside the transaction of the state change it reports");
        }
        // Before the insert, so the id is drawn only once the key's earlier transaction has committed.
        keyLocks.lockUntilCompletion(event.key());
        // The trace the state change happened in goes with the event (the relay sends it as traceparent).
        jdbc.sql("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at,"
                        + " trace_context) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID().toString(),
                        Topics.of(event),
                        event.key(),
                        EventTypes.nameOf(event),
                        codec.encodeToString(event),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                        traces.current())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
                committed.orderedStream().forEach(listener -> tell(listener, event));
            }
        });
    }

    /** The commit is done: a listener that fails (a meter) must not make it look failed to the caller. */
    private static void tell(CommittedEvents listener, InkanEvent event) {
        try {
            listener.committed(event);
        } catch (RuntimeException e) {
            log.warn(
                    "{} failed on a committed {}: {}",
                    listener.getClass().getName(),
                    EventTypes.nameOf(event),
                    e.toString());
        }
    }
}

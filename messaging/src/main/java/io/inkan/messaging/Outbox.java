package io.inkan.messaging;

import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes events the only safe way: as rows in the same database transaction as the state change
 * they report. If the transaction rolls back, the event never existed; once it commits, the relay
 * sends it to its topic with the CloudEvents headers, in commit order per record key.
 */
public class Outbox {
    private final JdbcClient jdbc;
    private final EventCodec codec;
    private final Clock clock;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, EventCodec codec, Clock clock, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.clock = clock;
        this.relay = relay;
    }

    /**
     * Records {@code event} for publication when the current transaction commits.
     *
     * @throws IllegalStateException outside a transaction: an event without its state change is a
     *     dual write waiting to happen
     */
    public void append(InkanEvent event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException(
                    "Outbox.append must run inside the transaction of the state change it reports");
        }
        jdbc.sql("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, occurred_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(
                        UUID.randomUUID().toString(),
                        Topics.of(event),
                        event.key(),
                        EventTypes.nameOf(event),
                        codec.encodeToString(event),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}

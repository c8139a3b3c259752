package io.inkan.messaging;

import io.inkan.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox rows to Kafka, oldest first, and deletes them once the broker has acknowledged
 * them. Runs right after a commit ({@link #wakeUp()}) and on a fixed interval (for rows left by a crash
 * or a broker outage), as a {@link Periodic} of its own: one thread, so rounds never overlap and a slow
 * job elsewhere in the service never holds the relay up. Id order is commit order within a record key,
 * because {@link Outbox#append} serializes the appends of one key until commit; across keys it need not
 * be, and no order across keys is promised. One instance at a time relays, holding a row
 * lock, so one user's events keep their order even with several instances side by side. A crash
 * between send and delete sends an event twice with the same {@code ce_id}, which consumers recognise.
 */
final class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<Object, Object> kafka;
    private final MessagingProperties properties;
    private final String source;
    private final Clock clock;
    private final Periodic rounds;
    private volatile boolean failing;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            KafkaTemplate<Object, Object> kafka,
            MessagingProperties properties,
            String source,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.properties = properties;
        this.source = source;
        this.clock = clock;
        this.rounds = new Periodic("inkan-outbox-relay", properties.relayInterval(), this::relayAll);
    }

    @Override
    public void start() {
        rounds.start();
    }

    @Override
    public void stop() {
        rounds.stop();
    }

    @Override
    public boolean isRunning() {
        return rounds.isRunning();
    }

    /** Asks for a relay round soon; many commits in a row coalesce into one round. */
    void wakeUp() {
        rounds.wakeUp();
    }

    /** Relays until the outbox is empty or the broker fails; returns how many events went out. */
    int relayAll() {
        int total = 0;
        try {
            int sent;
            do {
                sent = transactions.execute(status -> relayBatch());
                total += sent;
            } while (sent == properties.relayBatchSize() && rounds.isRunning());
            if (failing) {
                log.info("Outbox relay is sending again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The rows stay; the next round tries again. Log once per outage, not every half second.
            if (!failing) {
                log.warn("Outbox relay cannot send to Kafka yet; events wait in the outbox: {}", e.toString());
                failing = true;
            }
        }
        return total;
    }

    private int relayBatch() {
        boolean locked = jdbc.sql("SELECT name FROM outbox_relay_lock WHERE name = 'relay' FOR UPDATE SKIP LOCKED")
                .query(String.class)
                .optional()
                .isPresent();
        if (!locked) {
            return 0; // another instance is relaying
        }
        List<Row> rows = jdbc.sql("SELECT id, event_id, topic, record_key, event_type, payload, occurred_at,"
                        + " trace_context FROM outbox_event ORDER BY id LIMIT ?")
                .param(properties.relayBatchSize())
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("event_id"),
                        rs.getString("topic"),
                        rs.getString("record_key"),
                        rs.getString("event_type"),
                        rs.getString("payload"),
                        rs.getObject("occurred_at", OffsetDateTime.class),
                        rs.getString("trace_context")))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
        for (Row row : rows) {
            acks.add(send(row));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException someFailed) {
            // each row's outcome is looked at below
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Throwable failure = failureOf(acks.get(i));
            if (failure == null) {
                continue;
            }
            Throwable refusal = refusalForGood(failure);
            if (refusal != null) {
                setAside(row, refusal);
            } else {
                // Broker away, leader moving, a timeout: the whole batch stays and goes again (consumers
                // recognise what arrived twice by ce_id), so no event overtakes an earlier one of its key.
                throw new IllegalStateException("Kafka did not acknowledge the outbox batch", failure);
            }
        }
        jdbc.sql("DELETE FROM outbox_event WHERE id IN (:ids)")
                .param("ids", rows.stream().map(Row::id).toList())
                .update();
        return rows.size();
    }

    private CompletableFuture<?> send(Row row) {
        try {
            return kafka.send(row.toRecord(source));
        } catch (RuntimeException refusedAtOnce) {
            return CompletableFuture.failedFuture(refusedAtOnce);
        }
    }

    private static Throwable failureOf(CompletableFuture<?> ack) {
        try {
            ack.getNow(null);
            return null;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    /** Why Kafka will never take this record however often it is sent; null when trying again may help. */
    private static Throwable refusalForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException
                    || cause instanceof RecordBatchTooLargeException
                    || cause instanceof InvalidTopicException
                    || cause instanceof SerializationException) {
                return cause;
            }
        }
        return null;
    }

    /**
     * Moves a row the broker refused for good out of the way, with the reason, so the events behind it go on.
     * The payload is not logged: events carry no secrets, but they do carry customers' data.
     */
    private void setAside(Row row, Throwable failure) {
        String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        log.error(
                "Kafka refused event {} ({} for {}) for good; it is kept in outbox_dead_event: {}",
                row.eventId(),
                row.type(),
                row.key(),
                reason);
        jdbc.sql("INSERT INTO outbox_dead_event (id, event_id, topic, record_key, event_type, payload, occurred_at,"
                        + " failed_at, failure, trace_context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.id(),
                        row.eventId(),
                        row.topic(),
                        row.key(),
                        row.type(),
                        row.payload(),
                        row.occurredAt(),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                        reason.length() > 1000 ? reason.substring(0, 1000) : reason,
                        row.traceContext())
                .update();
    }

    private record Row(
            long id,
            String eventId,
            String topic,
            String key,
            String type,
            String payload,
            OffsetDateTime occurredAt,
            String traceContext) {

        ProducerRecord<Object, Object> toRecord(String source) {
            List<Header> headers = new ArrayList<>(List.of(
                    header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0),
                    header(CloudEventHeaders.ID, eventId),
                    header(CloudEventHeaders.TYPE, type),
                    header(CloudEventHeaders.SOURCE, source),
                    header(CloudEventHeaders.TIME, occurredAt.toInstant().toString()),
                    header(CloudEventHeaders.SUBJECT, key),
                    header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON)));
            // traceparent (CloudEvents' distributed-tracing extension): consumers continue the appender's trace
            headers.addAll(TraceContexts.headers(traceContext));
            // The record's timestamp is the send time, set by the producer: a broker refuses timestamps
            // far from its own clock, and an injected clock (or a relay catching up after an outage)
            // must not stall the outbox. When the event happened travels in ce_time.
            return new ProducerRecord<>(topic, null, null, key, payload.getBytes(StandardCharsets.UTF_8), headers);
        }

        private static Header header(String name, String value) {
            return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

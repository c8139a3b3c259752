package io.inkan.messaging;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which events this service has applied. The row is written in the transaction of the
 * event's effect, so an event redelivered after a crash or a rebalance changes nothing.
 */
final class Inbox {
    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** True the first time {@code eventId} is seen; must run inside the effect's transaction. */
    boolean firstDelivery(String eventId, String topic) {
        int inserted = jdbc.sql("INSERT INTO inbox_event (event_id, topic, received_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(eventId, topic, now())
                .update();
        return inserted == 1;
    }

    /** Forgets IDs older than Kafka would ever redeliver. */
    int forgetOlderThan(java.time.Duration retention) {
        return jdbc.sql("DELETE FROM inbox_event WHERE received_at < ?")
                .param(now().minus(retention))
                .update();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

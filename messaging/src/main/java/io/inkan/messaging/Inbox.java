package io.inkan.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which events this service has applied. The row is written in the transaction of the
 * event's effect, so an event redelivered after a crash or a rebalance changes nothing. Once an hour,
 * as a {@link Periodic} of its own, it forgets the IDs older than Kafka would ever redeliver.
 */
final class Inbox implements SmartLifecycle {
    private static final Duration PRUNING_INTERVAL = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Periodic pruning;

    Inbox(JdbcClient jdbc, Clock clock, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pruning = new Periodic("inkan-inbox-pruning", PRUNING_INTERVAL, () -> forgetOlderThan(retention));
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
    int forgetOlderThan(Duration retention) {
        return jdbc.sql("DELETE FROM inbox_event WHERE received_at < ?")
                .param(now().minus(retention))
                .update();
    }

    @Override
    public void start() {
        pruning.start();
    }

    @Override
    public void stop() {
        pruning.stop();
    }

    @Override
    public boolean isRunning() {
        return pruning.isRunning();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}

package io.inkan.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What waits in the outbox, for operators: the gauges {@value #BACKLOG} (rows not yet sent), {@value #OLDEST_AGE}
 * (seconds since the oldest of them happened, 0 when none waits: a relay that cannot send shows as a growing age)
 * and {@value #DEAD} (rows the broker refused for good, in {@code outbox_dead_event}, waiting for an operator).
 *
 * <p>The gauges are read at scrape time, but the tables at most once per {@link #FRESH_FOR}: several scrapers, or a
 * short scrape interval, cost the database one pair of counts per period however busy the outbox is. When the
 * database cannot be read the gauges say NaN (unknown), not a reassuring 0.
 */
final class OutboxMetrics implements SmartInitializingSingleton {
    static final String BACKLOG = "inkan.outbox.backlog";
    static final String OLDEST_AGE = "inkan.outbox.oldest.age";
    static final String DEAD = "inkan.outbox.dead";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<MeterRegistry> meters;
    private final ScrapedCount<Counts> counts;

    OutboxMetrics(JdbcClient jdbc, Clock clock, ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        this.counts = new ScrapedCount<>("the outbox", clock, FRESH_FOR, this::count);
    }

    /** The outbox as counted; {@code oldest} is null when nothing waits. */
    private record Counts(long backlog, Instant oldest, long dead) {}

    @Override
    public void afterSingletonsInstantiated() {
        MeterRegistry registry = meters.getIfAvailable();
        if (registry == null) {
            return;
        }
        gauge(registry, BACKLOG, "Events in the outbox not yet sent to Kafka", null, m -> m.backlog());
        gauge(
                registry,
                OLDEST_AGE,
                "Age of the oldest event waiting in the outbox, 0 when none waits",
                "seconds",
                m -> m.oldestAge());
        gauge(
                registry,
                DEAD,
                "Events the broker refused for good, set aside in outbox_dead_event",
                null,
                m -> m.dead());
    }

    private void gauge(
            MeterRegistry registry, String name, String description, String unit, ToDoubleFunction<OutboxMetrics> f) {
        Gauge.builder(name, this, f)
                .description(description)
                .baseUnit(unit)
                .strongReference(true)
                .register(registry);
    }

    double backlog() {
        return ScrapedCount.orNaN(counts.current().map(Counts::backlog));
    }

    double oldestAge() {
        return counts.current()
                .map(c -> ScrapedCount.secondsSince(c.oldest(), clock))
                .orElse(Double.NaN);
    }

    double dead() {
        return ScrapedCount.orNaN(counts.current().map(Counts::dead));
    }

    private Counts count() {
        return jdbc.sql("SELECT COUNT(*) AS backlog, MIN(occurred_at) AS oldest,"
                        + " (SELECT COUNT(*) FROM outbox_dead_event) AS dead FROM outbox_event")
                .query((rs, n) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    return new Counts(
                            rs.getLong("backlog"), oldest == null ? null : oldest.toInstant(), rs.getLong("dead"));
                })
                .single();
    }
}

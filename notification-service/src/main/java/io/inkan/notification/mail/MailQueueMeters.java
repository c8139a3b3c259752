package io.inkan.notification.mail;

import io.inkan.messaging.ScrapedCount;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mail queue, for operators: {@value #QUEUED} counts the mails not yet sent, by status ({@code PENDING}: waiting
 * for a sender, being sent, or waiting for a retry; {@code HELD}: waiting for admin-service to register their
 * recipient), and {@value #OLDEST} says how long the oldest pending mail has waited since it was queued, 0 when none
 * waits. An SMTP relay that is away, or senders that cannot keep up, show as an age that grows; held mails that do
 * not go down say the directory's registrations are not arriving.
 *
 * <p>Read at scrape time, the table at most once per {@link #FRESH_FOR} (one indexed count); NaN, not a reassuring 0,
 * when the database cannot be read.
 */
@Component
class MailQueueMeters {
    static final String QUEUED = "inkan.mail.queued";
    static final String OLDEST = "inkan.mail.oldest.pending.age";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ScrapedCount<Queue> queue;

    /** The queue as counted; {@code oldestPending} is null when no mail is pending. */
    private record Queue(long pending, long held, Instant oldestPending) {}

    MailQueueMeters(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.queue = new ScrapedCount<>("the mail queue", clock, FRESH_FOR, this::count);
        String description = "Mails not yet sent, by status (PENDING: to be sent or retried; HELD: waiting for"
                + " their recipient's registration)";
        Gauge.builder(QUEUED, this, m -> ScrapedCount.orNaN(m.queue.current().map(Queue::pending)))
                .description(description)
                .tag("status", "PENDING")
                .register(meters);
        Gauge.builder(QUEUED, this, m -> ScrapedCount.orNaN(m.queue.current().map(Queue::held)))
                .description(description)
                .tag("status", "HELD")
                .register(meters);
        Gauge.builder(
                        OLDEST,
                        this,
                        m -> m.queue
                                .current()
                                .map(q -> ScrapedCount.secondsSince(q.oldestPending(), m.clock))
                                .orElse(Double.NaN))
                .description("How long the oldest pending mail has waited since it was queued, 0 when none waits")
                .baseUnit("seconds")
                .register(meters);
    }

    private Queue count() {
        return jdbc.sql("SELECT"
                        + " SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending,"
                        + " SUM(CASE WHEN status = 'HELD' THEN 1 ELSE 0 END) AS held,"
                        + " MIN(CASE WHEN status = 'PENDING' THEN created_at END) AS oldest"
                        + " FROM outgoing_mail WHERE status IN ('PENDING', 'HELD')")
                .query((rs, n) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    return new Queue(
                            rs.getLong("pending"), rs.getLong("held"), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }
}

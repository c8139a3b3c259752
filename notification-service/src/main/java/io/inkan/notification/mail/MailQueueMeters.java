package io.inkan.notification.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
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

    private static final Logger log = LoggerFactory.getLogger(MailQueueMeters.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private Counted counted;

    /** The queue as last counted; all null when it could not be read. */
    private record Counted(Instant at, Long pending, Long held, Instant oldestPending) {}

    MailQueueMeters(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(QUEUED, this, m -> m.count(m.counted().pending()))
                .description("Mails not yet sent, by status (PENDING: to be sent or retried; HELD: waiting for"
                        + " their recipient's registration)")
                .tag("status", "PENDING")
                .register(meters);
        Gauge.builder(QUEUED, this, m -> m.count(m.counted().held()))
                .description("Mails not yet sent, by status (PENDING: to be sent or retried; HELD: waiting for"
                        + " their recipient's registration)")
                .tag("status", "HELD")
                .register(meters);
        Gauge.builder(OLDEST, this, MailQueueMeters::oldestAge)
                .description("How long the oldest pending mail has waited since it was queued, 0 when none waits")
                .baseUnit("seconds")
                .register(meters);
    }

    private double count(Long value) {
        return value == null ? Double.NaN : value;
    }

    private double oldestAge() {
        Counted now = counted();
        if (now.pending() == null) {
            return Double.NaN;
        }
        if (now.oldestPending() == null) {
            return 0;
        }
        return Math.max(
                0, Duration.between(now.oldestPending(), clock.instant()).toMillis() / 1000.0);
    }

    /** The counts, taken again when the last ones are {@link #FRESH_FOR} old (or the clock went back). */
    private synchronized Counted counted() {
        Instant now = clock.instant();
        if (counted != null
                && !now.isBefore(counted.at())
                && now.isBefore(counted.at().plus(FRESH_FOR))) {
            return counted;
        }
        try {
            counted = jdbc.sql("SELECT"
                            + " SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending,"
                            + " SUM(CASE WHEN status = 'HELD' THEN 1 ELSE 0 END) AS held,"
                            + " MIN(CASE WHEN status = 'PENDING' THEN created_at END) AS oldest"
                            + " FROM outgoing_mail WHERE status IN ('PENDING', 'HELD')")
                    .query((rs, n) -> {
                        OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                        return new Counted(
                                now,
                                rs.getLong("pending"),
                                rs.getLong("held"),
                                oldest == null ? null : oldest.toInstant());
                    })
                    .single();
        } catch (DataAccessException e) {
            log.debug("Cannot count the mail queue: {}", e.toString());
            counted = new Counted(now, null, null, null);
        }
        return counted;
    }
}

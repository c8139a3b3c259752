package io.inkan.notification.expiry;

import io.inkan.events.ExpiryApproaching;
import io.inkan.events.InkanEvent;
import io.inkan.messaging.CommittedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The reminder schedule, for operators: {@value #DUE} (unsent reminders whose time has come, waiting for the scan),
 * {@value #LAG} (seconds since the oldest of them was due, 0 when none waits: a scan that does not run, or cannot
 * keep up, shows as a lag growing past the scan interval) and {@value #SENT} (reminders that went, counted from
 * {@code ExpiryApproaching} once the scan's batch committed).
 *
 * <p>The gauges are read at scrape time, the table at most once per {@link #FRESH_FOR}, so several scrapers cost the
 * database one indexed count per period; when it cannot be read they say NaN (unknown), not a reassuring 0.
 */
@Component
class ReminderMeters implements CommittedEvents {
    static final String DUE = "inkan.reminders.due";
    static final String LAG = "inkan.reminder.lag";
    static final String SENT = "inkan.reminders.sent";
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ReminderMeters.class);

    private final ReminderRepository reminders;
    private final Clock clock;
    private final Counter sent;
    private Counted counted;

    /** The schedule as last counted; both fields null when it could not be read. */
    private record Counted(Instant at, Long due, Instant oldestDueAt) {}

    ReminderMeters(ReminderRepository reminders, Clock clock, MeterRegistry meters) {
        this.reminders = reminders;
        this.clock = clock;
        Gauge.builder(DUE, this, ReminderMeters::due)
                .description("Unsent reminders whose time has come, waiting for the scan")
                .register(meters);
        Gauge.builder(LAG, this, ReminderMeters::lag)
                .description("How long the oldest due reminder has waited for the scan, 0 when none waits")
                .baseUnit("seconds")
                .register(meters);
        this.sent = Counter.builder(SENT)
                .description("Expiry reminders sent (ExpiryApproaching)")
                .register(meters);
    }

    @Override
    public void committed(InkanEvent event) {
        if (event instanceof ExpiryApproaching) {
            sent.increment();
        }
    }

    double due() {
        Long due = counted().due();
        return due == null ? Double.NaN : due;
    }

    double lag() {
        Counted now = counted();
        if (now.due() == null) {
            return Double.NaN;
        }
        if (now.oldestDueAt() == null) {
            return 0;
        }
        return Math.max(0, Duration.between(now.oldestDueAt(), clock.instant()).toMillis() / 1000.0);
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
            ReminderRepository.Overdue overdue = reminders.overdue(now);
            counted = new Counted(now, overdue.count(), overdue.oldestDueAt());
        } catch (DataAccessException e) {
            log.debug("Cannot count the due reminders: {}", e.toString());
            counted = new Counted(now, null, null);
        }
        return counted;
    }
}

package io.inkan.notification.expiry;

import io.inkan.events.ExpiryApproaching;
import io.inkan.events.InkanEvent;
import io.inkan.messaging.CommittedEvents;
import io.inkan.messaging.ScrapedCount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
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

    private final Clock clock;
    private final Counter sent;
    private final ScrapedCount<ReminderRepository.Overdue> overdue;

    ReminderMeters(ReminderRepository reminders, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.overdue =
                new ScrapedCount<>("the due reminders", clock, FRESH_FOR, () -> reminders.overdue(clock.instant()));
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
        return ScrapedCount.orNaN(overdue.current().map(ReminderRepository.Overdue::count));
    }

    double lag() {
        return overdue.current()
                .map(o -> ScrapedCount.secondsSince(o.oldestDueAt(), clock))
                .orElse(Double.NaN);
    }
}

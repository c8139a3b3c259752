package io.inkan.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * A count of database rows behind gauges: read at scrape time, but from the database at most once per
 * {@code freshFor}, so several scrapers, or a short scrape interval, cost one query per period however busy the
 * tables are. When the database cannot be read the count is unknown (empty) and the gauges say NaN, not a
 * reassuring 0. The outbox's, the reminders' and the mail queue's gauges are made this way.
 *
 * @param <T> what one query counts (a record of the figures the gauges show)
 */
public final class ScrapedCount<T> {
    private static final Logger log = LoggerFactory.getLogger(ScrapedCount.class);

    private final String what;
    private final Clock clock;
    private final Duration freshFor;
    private final Supplier<T> count;
    private Instant countedAt;
    private Optional<T> last = Optional.empty();

    /** @param what what is counted, for the log line when the database cannot be read ("the outbox") */
    public ScrapedCount(String what, Clock clock, Duration freshFor, Supplier<T> count) {
        this.what = what;
        this.clock = clock;
        this.freshFor = freshFor;
        this.count = count;
    }

    /** The figures, counted again when the last ones are {@code freshFor} old (or the clock went back). */
    public synchronized Optional<T> current() {
        Instant now = clock.instant();
        if (countedAt != null && !now.isBefore(countedAt) && now.isBefore(countedAt.plus(freshFor))) {
            return last;
        }
        try {
            last = Optional.of(count.get());
        } catch (DataAccessException e) {
            log.debug("Cannot count {}: {}", what, e.toString());
            last = Optional.empty();
        }
        countedAt = now;
        return last;
    }

    /** A gauge's value for a count: NaN when unknown. */
    public static double orNaN(Optional<? extends Number> value) {
        return value.map(Number::doubleValue).orElse(Double.NaN);
    }

    /** Seconds from {@code oldest} to now, 0 when nothing waits ({@code oldest} null), never negative. */
    public static double secondsSince(Instant oldest, Clock clock) {
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}

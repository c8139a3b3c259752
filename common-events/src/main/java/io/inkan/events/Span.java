package io.inkan.events;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured length of time, written as an ISO-8601 period ({@code P1Y}, {@code P40D}) or duration ({@code PT3M}).
 * Periods count calendar days and months in UTC, so {@code P1Y} from 2024-02-29 ends on 2025-02-28 as people expect.
 * Spring binds properties to it through {@link #valueOf(String)}.
 *
 * <p>The one parser of such lengths in Inkan: every service's properties ({@code inkan.certificate.validity},
 * {@code inkan.notification.expiry-notices}, ...) and the events that carry one ({@code noticeBefore}) read
 * them here, so {@code P40D} means the same everywhere.
 */
public final class Span {
    private final String text;
    private final Period period;
    private final Duration duration;

    private Span(String text, Period period, Duration duration) {
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    public static Span valueOf(String text) {
        String trimmed = Objects.requireNonNull(text, "text").trim().toUpperCase(Locale.ROOT);
        try {
            if (trimmed.contains("T")) {
                Duration duration = Duration.parse(trimmed);
                requireNotNegative(duration.isNegative(), text);
                return new Span(trimmed, null, duration);
            }
            Period period = Period.parse(trimmed);
            requireNotNegative(period.isNegative(), text);
            return new Span(trimmed, period, null);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is neither an ISO-8601 period (P1Y, P40D) nor a duration (PT3M)", e);
        }
    }

    public static Span of(Duration duration) {
        return new Span(duration.toString(), null, duration);
    }

    private static void requireNotNegative(boolean negative, String text) {
        if (negative) {
            throw new IllegalArgumentException("'" + text + "' is negative");
        }
    }

    public Instant addTo(Instant instant) {
        return period != null ? instant.atZone(ZoneOffset.UTC).plus(period).toInstant() : instant.plus(duration);
    }

    public Instant subtractFrom(Instant instant) {
        return period != null ? instant.atZone(ZoneOffset.UTC).minus(period).toInstant() : instant.minus(duration);
    }

    /** The calendar period it was written as ({@code P40D}); empty when it is a duration. For wording it. */
    public Optional<Period> period() {
        return Optional.ofNullable(period);
    }

    /** The duration it was written as ({@code PT2M}); empty when it is a calendar period. For wording it. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    public boolean isZero() {
        return period != null ? period.isZero() : duration.isZero();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Span other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The ISO-8601 text it was written as. */
    @Override
    public String toString() {
        return text;
    }
}

package io.inkan.notification.expiry;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * How long before a certificate's notAfter a reminder goes: an ISO-8601 period ({@code P40D}, {@code P1M})
 * or duration ({@code PT2M}, for short-lived test certificates). Kept as written, because that text is
 * the reminder's identity and the {@code noticeBefore} of ExpiryApproaching.
 */
public record NoticeOffset(String iso) {

    public NoticeOffset {
        iso = iso.strip();
        parse(iso); // fails early on a typo in the configuration
    }

    public static List<NoticeOffset> parseAll(List<String> offsets) {
        return offsets.stream()
                .flatMap(o -> Arrays.stream(o.split(",")))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(NoticeOffset::new)
                .distinct()
                .toList();
    }

    /** When the reminder for a certificate valid until {@code notAfter} is due. */
    public Instant dueFor(Instant notAfter) {
        Object amount = parse(iso);
        if (amount instanceof Duration d) {
            return notAfter.minus(d);
        }
        return notAfter.atZone(ZoneOffset.UTC).minus((Period) amount).toInstant();
    }

    private static Object parse(String iso) {
        try {
            // Duration.parse reads PnDTnHnMnS, which covers P40D and PT2M alike
            return Duration.parse(iso);
        } catch (DateTimeParseException notADuration) {
            try {
                return Period.parse(iso);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 period or duration: " + iso, e);
            }
        }
    }

    @Override
    public String toString() {
        return iso;
    }
}

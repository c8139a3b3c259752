package io.inkan.notification.expiry;

import io.inkan.events.Span;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * How long before a certificate's notAfter a reminder goes: an ISO-8601 period ({@code P40D}, {@code P1M})
 * or duration ({@code PT2M}, for short-lived test certificates), read by {@link Span}, Inkan's one parser of
 * such lengths. Kept as written, because that text is the reminder's identity and the {@code noticeBefore} of
 * ExpiryApproaching.
 */
public record NoticeOffset(String iso) {

    public NoticeOffset {
        iso = iso.strip();
        Span.valueOf(iso); // fails early on a typo in the configuration
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
        return Span.valueOf(iso).subtractFrom(notAfter);
    }

    @Override
    public String toString() {
        return iso;
    }
}

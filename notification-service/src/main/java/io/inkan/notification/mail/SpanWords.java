package io.inkan.notification.mail;

import io.inkan.events.Span;
import io.inkan.notification.directory.Recipient;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured length ({@code P40D}, {@code P1M}, {@code PT2M}) in the customer's words: 40日, 1か月, 2分; 40 days,
 * 1 month, 2 minutes. The mails state the offsets and windows really configured, never a fixed "40 and 10 days".
 */
final class SpanWords {
    private SpanWords() {}

    static String of(Span span, String language) {
        boolean english = Recipient.ENGLISH.equals(language);
        List<String> parts = new ArrayList<>();
        if (span.period().isPresent()) {
            Period period = span.period().get();
            add(parts, period.getYears(), english, "年", "year");
            add(parts, period.getMonths(), english, "か月", "month");
            add(parts, period.getDays(), english, "日", "day");
            if (parts.isEmpty()) {
                add(parts, 0, english, "日", "day", true);
            }
        } else {
            Duration duration = span.duration().orElseThrow();
            add(parts, duration.toHours(), english, "時間", "hour");
            add(parts, duration.toMinutesPart(), english, "分", "minute");
            add(parts, duration.toSecondsPart(), english, "秒", "second");
            if (parts.isEmpty()) {
                add(parts, 0, english, "分", "minute", true);
            }
        }
        return String.join(english ? " " : "", parts);
    }

    /** Several lengths, as a list in a sentence: 40日・10日; 40 days and 10 days. */
    static String list(List<Span> spans, String language) {
        List<String> words = spans.stream().map(s -> of(s, language)).toList();
        if (!Recipient.ENGLISH.equals(language)) {
            return String.join("・", words);
        }
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.getLast();
    }

    private static void add(List<String> parts, long amount, boolean english, String ja, String en) {
        add(parts, amount, english, ja, en, false);
    }

    private static void add(List<String> parts, long amount, boolean english, String ja, String en, boolean zero) {
        if (amount == 0 && !zero) {
            return;
        }
        parts.add(english ? amount + " " + en + (amount == 1 ? "" : "s") : amount + ja);
    }
}

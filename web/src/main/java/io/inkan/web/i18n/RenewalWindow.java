package io.inkan.web.i18n;

import io.inkan.events.Span;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How long before expiry a certificate can be renewed ({@code inkan.certificate.renewal-window}, the same property
 * issuance-service decides by; default {@code P40D}), in the customer's words: 40日, 40 days; {@code PT3M}: 3分, 3
 * minutes. The screens say the window really configured, never a fixed "40 days".
 */
@Component
public class RenewalWindow {
    private final String configured;
    private final Period period;
    private final Duration duration;

    RenewalWindow(@Value("${inkan.certificate.renewal-window:P40D}") String configured) {
        this.configured = configured.strip();
        Span window;
        try {
            window = Span.valueOf(this.configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("inkan.certificate.renewal-window: " + e.getMessage(), e);
        }
        this.period = window.period().orElse(null);
        this.duration = window.duration().orElse(null);
    }

    /** The window in the words of that language (Japanese unless English). */
    public String words(Locale locale) {
        boolean english = "en".equals(locale.getLanguage());
        List<String> parts = new ArrayList<>();
        if (period != null) {
            add(parts, period.getYears(), english, "年", "year");
            add(parts, period.getMonths(), english, "か月", "month");
            add(parts, period.getDays(), english, "日", "day");
        } else {
            add(parts, duration.toHours(), english, "時間", "hour");
            add(parts, duration.toMinutesPart(), english, "分", "minute");
            add(parts, duration.toSecondsPart(), english, "秒", "second");
        }
        if (parts.isEmpty()) {
            parts.add(english ? "0 days" : "0日");
        }
        return String.join(english ? " " : "", parts);
    }

    @Override
    public String toString() {
        return configured;
    }

    private static void add(List<String> parts, long amount, boolean english, String ja, String en) {
        if (amount != 0) {
            parts.add(english ? amount + " " + en + (amount == 1 ? "" : "s") : amount + ja);
        }
    }
}

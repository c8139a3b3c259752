package io.inkan.notification.mail;

import io.inkan.events.InkanEvent;
import io.inkan.events.MailKind;
import io.inkan.events.NotificationFailed;
import io.inkan.events.NotificationSent;
import io.inkan.messaging.CommittedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@value #SENT} and {@value #FAILED}, by {@link MailKind}: counted from {@code NotificationSent} and
 * {@code NotificationFailed} once the mail's outcome committed, so a mail whose stamp lost to another instance's
 * claim, or rolled back, is not counted. (Mails retried and resent are counted by {@link MailDelivery}.)
 */
@Component
class MailMeters implements CommittedEvents {
    static final String SENT = "inkan.mail.sent";
    static final String FAILED = "inkan.mail.failed";

    private final Map<MailKind, Counter> sent = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Counter> failed = new EnumMap<>(MailKind.class);

    MailMeters(MeterRegistry meters) {
        for (MailKind kind : MailKind.values()) {
            sent.put(
                    kind,
                    Counter.builder(SENT)
                            .description("Mails accepted by the SMTP server, by kind")
                            .tag("kind", kind.name())
                            .register(meters));
            failed.put(
                    kind,
                    Counter.builder(FAILED)
                            .description(
                                    "Mails that failed for good (after their retries, or with no address), by kind")
                            .tag("kind", kind.name())
                            .register(meters));
        }
    }

    @Override
    public void committed(InkanEvent event) {
        switch (event) {
            case NotificationSent e -> sent.get(e.kind()).increment();
            case NotificationFailed e -> failed.get(e.kind()).increment();
            default -> {}
        }
    }
}

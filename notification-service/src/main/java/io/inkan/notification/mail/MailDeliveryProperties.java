package io.inkan.notification.mail;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.notification.mail.*}: how mails leave the outgoing-mail table for the SMTP server.
 *
 * @param from the sender address of every mail
 * @param pollInterval how often the worker looks for mails to send when no commit woke it
 * @param maxAttempts attempts before a mail that keeps failing for a transient reason is marked failed
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff the longest wait between two attempts
 * @param lease how long a claimed mail is reserved for the instance sending it; after a crash the mail is
 *     tried again once the lease has run out (the only case where a mail may go twice). Unset, it is twice the
 *     longest one send can take under the SMTP timeouts; set shorter than that, the service does not start
 *     (see {@link MailLease})
 * @param recipientWait how long a mail waits for its recipient to reach the directory: admin-service's registration
 *     and the event the mail is about (a certificate issued) travel on different topics, and either may come first.
 *     Past it the mail is recorded failed and {@code NotificationFailed} published
 */
@Validated
@ConfigurationProperties("inkan.notification.mail")
public record MailDeliveryProperties(
        @DefaultValue("no-reply@inkan.example") @NotBlank String from,
        @DefaultValue("PT5S") @NotNull Duration pollInterval,
        @DefaultValue("10") @Min(1) int maxAttempts,
        @DefaultValue("PT30S") @NotNull Duration initialBackoff,
        @DefaultValue("PT1H") @NotNull Duration maxBackoff,
        @Nullable Duration lease,
        @DefaultValue("PT24H") @NotNull Duration recipientWait) {

    /** The wait after {@code attempts} failed attempts: exponential, capped. */
    Duration backoffAfter(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}

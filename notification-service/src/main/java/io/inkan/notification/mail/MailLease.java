package io.inkan.notification.mail;

import java.time.Duration;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * How long a claimed mail stays reserved for the instance sending it. Another instance takes the mail over
 * once the lease has run out, so the lease must outlast the slowest send the SMTP timeouts allow; otherwise a
 * slow server makes two instances send one mail. The worst case of one send is read from the mail session's
 * timeouts, and the lease is twice that: the margin covers the stamp that follows the send and clocks of
 * instances that disagree a little. Left unset, the lease is computed; set, it is checked at start-up.
 */
final class MailLease {
    /**
     * The server's answers one send waits for, each up to {@code mail.smtp.timeout}: greeting, EHLO, MAIL,
     * RCPT, DATA, end of data, QUIT, and room for STARTTLS with its second EHLO and AUTH.
     */
    static final int ANSWERS_PER_SEND = 10;

    private MailLease() {}

    /** The lease for mails sent through {@code sender}: {@code configured}, checked, or computed when null. */
    static Duration of(JavaMailSender sender, Duration configured) {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            if (configured == null) {
                throw new IllegalStateException("Cannot read the SMTP timeouts of a "
                        + sender.getClass().getName() + ": set inkan.notification.mail.lease to more than twice the"
                        + " longest one mail's send can take");
            }
            return configured;
        }
        String protocol = impl.getProtocol() == null ? "smtp" : impl.getProtocol();
        Duration oneSend = worstCaseOfOneSend(impl.getJavaMailProperties(), protocol);
        Duration least = oneSend.multipliedBy(2);
        if (configured == null) {
            return least;
        }
        if (configured.compareTo(least) < 0) {
            throw new IllegalStateException("inkan.notification.mail.lease=" + configured
                    + " is too short: one mail's send may take up to " + oneSend + " under"
                    + " spring.mail.properties.mail." + protocol + ".connectiontimeout/timeout/writetimeout"
                    + " (connect, one write, " + ANSWERS_PER_SEND + " answers), and the lease must be at least"
                    + " twice that (" + least + "), or a second instance sends a mail the first is still"
                    + " sending. Raise the lease, lower the timeouts, or leave the lease unset to have it"
                    + " computed.");
        }
        return configured;
    }

    /**
     * Connecting, one write that blocks (a command or a small message fits in the socket's buffer, so at most
     * one write waits for a server that stopped reading, and its timeout ends the session), and every answer
     * arriving just before its read timeout.
     */
    static Duration worstCaseOfOneSend(Properties session, String protocol) {
        return timeout(session, protocol, "connectiontimeout")
                .plus(timeout(session, protocol, "writetimeout"))
                .plus(timeout(session, protocol, "timeout").multipliedBy(ANSWERS_PER_SEND));
    }

    private static Duration timeout(Properties session, String protocol, String name) {
        String key = "mail." + protocol + "." + name;
        Object value = session.get(key);
        long millis;
        try {
            millis = value == null ? 0 : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "spring.mail.properties." + key + "=" + value + " is not a number of milliseconds");
        }
        if (millis <= 0) {
            // Jakarta Mail's default: wait for ever, which no lease can cover
            throw new IllegalStateException("spring.mail.properties." + key + " is not set (or not positive):"
                    + " without it one SMTP send can last for ever, and no lease on a claimed mail can cover"
                    + " it, so a second instance could send the same mail; set it in milliseconds");
        }
        return Duration.ofMillis(millis);
    }
}

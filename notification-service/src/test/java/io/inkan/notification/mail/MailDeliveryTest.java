package io.inkan.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

class MailDeliveryTest {
    private final MailDeliveryProperties properties = new MailDeliveryProperties(
            "no-reply@inkan.example",
            Duration.ofSeconds(5),
            10,
            Duration.ofSeconds(30),
            Duration.ofHours(1),
            Duration.ofMinutes(5),
            Duration.ofHours(24));

    @Test
    void backOffDoublesUpToItsCap() {
        assertThat(properties.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.backoffAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoffAfter(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(properties.backoffAfter(30)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aRejectedMailboxIsPermanentAServerThatIsDownIsNot() throws Exception {
        var unknownUser = new SMTPAddressFailedException(
                new InternetAddress("nobody@example.jp"), "RCPT TO", 550, "5.1.1 User unknown");
        var rejected = new MailSendException(
                "Failed messages", null, Map.of(new Object(), new MessagingException("send failed", unknownUser)));
        var down = new MailSendException(
                "Mail server connection failed", new MessagingException("Couldn't connect", new ConnectException()));
        var mailboxBusy = new SMTPAddressFailedException(
                new InternetAddress("busy@example.jp"), "RCPT TO", 450, "4.2.1 Mailbox busy");

        assertThat(MailDelivery.isPermanent(rejected)).isTrue();
        assertThat(MailDelivery.isPermanent(down)).isFalse();
        assertThat(MailDelivery.isPermanent(new MailSendException("x", mailboxBusy)))
                .isFalse();
    }

    @Test
    void japaneseDatesAreShownInJst() {
        var instant = java.time.Instant.parse("2027-11-21T00:00:00Z");
        assertThat(MailComposer.format(instant, "ja")).isEqualTo("2027年11月21日 09:00");
        assertThat(MailComposer.format(instant, "en")).isEqualTo("21 November 2027, 09:00 JST");
    }
}

package io.inkan.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The lease on a claimed mail against the SMTP timeouts of one send: an operator's misconfigurations. */
class MailLeaseTest {
    /** The service's own timeouts (notification-service.properties): connect 5 s, read and write 10 s. */
    private static JavaMailSenderImpl sender(String protocol, Integer connect, Integer read, Integer write) {
        var sender = new JavaMailSenderImpl();
        sender.setProtocol(protocol);
        var session = new Properties();
        if (connect != null) {
            session.put("mail." + protocol + ".connectiontimeout", connect.toString());
        }
        if (read != null) {
            session.put("mail." + protocol + ".timeout", read.toString());
        }
        if (write != null) {
            session.put("mail." + protocol + ".writetimeout", write.toString());
        }
        sender.setJavaMailProperties(session);
        return sender;
    }

    private static MailDeliveryProperties lease(Duration lease) {
        return new MailDeliveryProperties(
                "no-reply@inkan.example",
                Duration.ofSeconds(5),
                10,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                lease,
                Duration.ofHours(24));
    }

    @Test
    void leftUnsetTheLeaseIsTwiceTheSlowestSendTheTimeoutsAllow() {
        // 5 s to connect, one 10 s write, 10 answers of up to 10 s each: 115 s
        assertThat(MailLease.of(sender("smtp", 5000, 10000, 10000), null)).isEqualTo(Duration.ofSeconds(230));
        assertThat(MailLease.of(sender("smtps", 1000, 2000, 3000), null)).isEqualTo(Duration.ofSeconds(48));
    }

    @Test
    void aLeaseShorterThanOneSendCanTakeStopsTheServiceAtStartUp() {
        // the deployment: 25 s timeouts, a 5-minute lease
        var slowServer = sender("smtp", 25000, 25000, 25000);
        assertThatThrownBy(() -> new MailDelivery(
                        null, null, slowServer, e -> {}, lease(Duration.ofMinutes(5)), new SimpleMeterRegistry(), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("inkan.notification.mail.lease=PT5M is too short")
                .hasMessageContaining("at least twice that (PT10M)")
                .hasMessageContaining("spring.mail.properties.mail.smtp.connectiontimeout/timeout/writetimeout");
        assertThat(MailLease.of(slowServer, Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anSmtpTimeoutLeftAtForeverStopsTheServiceAtStartUp() {
        assertThatThrownBy(() -> MailLease.of(sender("smtp", 5000, null, 10000), Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.mail.properties.mail.smtp.timeout is not set");
        assertThatThrownBy(() -> MailLease.of(sender("smtp", 0, 10000, 10000), null))
                .hasMessageContaining("spring.mail.properties.mail.smtp.connectiontimeout is not set");
        assertThatThrownBy(() -> MailLease.of(sender("smtps", 5000, 10000, null), null))
                .hasMessageContaining("spring.mail.properties.mail.smtps.writetimeout is not set");
    }
}

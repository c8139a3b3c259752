package io.inkan.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** GreenMail on a free port accepts a message without authentication. */
class LocalSmtpIT {

    @Test
    void acceptsMailWithoutAuthentication() throws Exception {
        try (LocalSmtp smtp = LocalSmtp.start("127.0.0.1", 0)) {
            assertThat(smtp.port()).isPositive();

            Properties properties = new Properties();
            properties.put("mail.smtp.host", smtp.host());
            properties.put("mail.smtp.port", String.valueOf(smtp.port()));
            MimeMessage message = new MimeMessage(Session.getInstance(properties));
            message.setFrom(new InternetAddress("no-reply@inkan.example"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("yamada@customer.example"));
            message.setSubject("証明書が発行されました", "UTF-8");
            message.setText("山田太郎 様", "UTF-8");
            Transport.send(message);

            assertThat(smtp.greenMail().waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(smtp.receivedMessages())
                    .singleElement()
                    .satisfies(m -> assertThat(m.getSubject()).isEqualTo("証明書が発行されました"));
        }
    }
}

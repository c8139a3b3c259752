package io.inkan.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The sender and recipient of a mail as a customer's mail program shows them. */
class MailAddressTest {
    @Test
    void aBanksJapaneseSenderNameReachesTheMailProgramIntactInUtf8() throws Exception {
        InternetAddress from = MailDelivery.address("いろは銀行 電子証明書 <no-reply@iroha-bank.example>");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, MailDelivery.address("yamada@example.jp"));
        message.setSubject("電子証明書発行のお知らせ", "UTF-8");
        message.setText("山田太郎様", "UTF-8");
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);

        String headers = wire.toString(StandardCharsets.US_ASCII);
        assertThat(headers).contains("From: =?UTF-8?").contains("<no-reply@iroha-bank.example>");
        assertThat(headers).contains("To: yamada@example.jp");
        MimeMessage read = new MimeMessage(
                Session.getInstance(new Properties()), new java.io.ByteArrayInputStream(wire.toByteArray()));
        InternetAddress sender = (InternetAddress) read.getFrom()[0];
        assertThat(sender.getPersonal()).isEqualTo("いろは銀行 電子証明書");
        assertThat(sender.getAddress()).isEqualTo("no-reply@iroha-bank.example");
        assertThat(MimeUtility.decodeText(read.getHeader("Subject")[0])).isEqualTo("電子証明書発行のお知らせ");
        assertThat(read.getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(read.getContent()).isEqualTo("山田太郎様");
    }

    @Test
    void aFieldHoldingTwoAddressesOrNoneIsRefusedAsAnAddressNotSentToEither() {
        assertThatThrownBy(() -> MailDelivery.address("a@example.jp, b@example.jp"))
                .isInstanceOf(AddressException.class);
        assertThatThrownBy(() -> MailDelivery.address("")).isInstanceOf(AddressException.class);
        assertThat(MailDelivery.isPermanent(new AddressException("Not one address", "a@x, b@y")))
                .as("a malformed address is not tried again")
                .isTrue();
    }
}

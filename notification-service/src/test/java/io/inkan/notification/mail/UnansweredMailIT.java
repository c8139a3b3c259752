package io.inkan.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.inkan.events.MailKind;
import io.inkan.events.NotificationEvent;
import io.inkan.events.NotificationSent;
import io.inkan.events.Realm;
import io.inkan.notification.directory.Recipient;
import io.inkan.testsupport.H2;
import io.inkan.testsupport.MutableClock;
import io.inkan.testsupport.Postgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An SMTP server (GreenMail) that stores a mail but answers its end of data only after the sender's read timeout,
 * as a loaded server does: the cause of the second issuance mail ServiceFaultsIT saw on a busy machine. The mail
 * reached its recipient, so it must not be sent again, however long one waits.
 */
class UnansweredMailIT {
    private static final int TIMEOUT_MS = 1_000;

    private final MutableClock clock = MutableClock.at("2026-10-01T00:00:00Z");
    private final List<NotificationEvent> events = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    private SlowSmtpProxy slow;
    private JdbcClient jdbc;
    private TransactionTemplate transactions;

    @AfterEach
    void stop() {
        if (slow != null) {
            slow.close();
        }
        smtp.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aMailTheServerStoredButConfirmedTooLateArrivesOnceAndIsCounted(String database) throws Exception {
        start(database);
        MailDelivery delivery = delivery(slow.port());
        String id = queueOne();

        // the server stores the mail and holds its answer past the read timeout
        var round = CompletableFuture.supplyAsync(delivery::deliverDue);
        assertThat(slow.awaitHeld(Duration.ofSeconds(60)))
                .as("the end of data reached the server")
                .isTrue();
        assertThat(round.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        slow.release();

        // however long one waits (any back-off, any lease), the mail is not sent again
        clock.advance(Duration.ofDays(1));
        assertThat(delivery.deliverDue()).isZero();

        assertThat(received()).as("the mail reached the server once").containsExactly(Map.entry(id, 1L));
        assertThat(jdbc.sql("SELECT status, last_error FROM outgoing_mail WHERE notification_id = ?")
                        .param(id)
                        .query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
                        .single())
                .startsWith("SENT unconfirmed:")
                .contains("SocketTimeoutException");
        assertThat(events)
                .singleElement()
                .isInstanceOfSatisfying(
                        NotificationSent.class,
                        sent -> assertThat(sent.notificationId()).isEqualTo(id));
        assertThat(meters.get(MailDelivery.UNCONFIRMED).counter().count()).isEqualTo(1.0);
        assertThat(meters.get(MailDelivery.RESENT).counter().count()).isZero();
    }

    @Test
    void aServerThatCannotBeReachedIsStillTriedAgain() throws Exception {
        start("h2");
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MailDelivery delivery = delivery(closedPort);
        String id = queueOne();

        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM outgoing_mail WHERE notification_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .as("nothing was handed over: the mail waits for its next attempt")
                .isEqualTo("PENDING");
        assertThat(meters.get(MailDelivery.UNCONFIRMED).counter().count()).isZero();
        assertThat(events).isEmpty();
    }

    private void start(String database) throws Exception {
        smtp.start();
        slow = new SlowSmtpProxy(smtp.getSmtp().getPort());
        DataSource dataSource = switch (database) {
            case "h2" -> new DriverManagerDataSource(H2.freshDatabase("unanswered"), "sa", "");
            default ->
                new DriverManagerDataSource(Postgres.freshDatabase("unanswered"), Postgres.USER, Postgres.PASSWORD);
        };
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging", "classpath:db/migration/notification")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private MailDelivery delivery(int smtpPort) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        var timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", String.valueOf(TIMEOUT_MS));
        timeouts.put("mail.smtp.timeout", String.valueOf(TIMEOUT_MS));
        timeouts.put("mail.smtp.writetimeout", String.valueOf(TIMEOUT_MS));
        timeouts.put("mail.smtp.localhost", "localhost");
        sender.setJavaMailProperties(timeouts);
        var properties = new MailDeliveryProperties(
                "no-reply@inkan.example",
                Duration.ofSeconds(5),
                10,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                null,
                Duration.ofHours(24));
        return new MailDelivery(jdbc, transactions, sender, events::add, properties, meters, clock);
    }

    private String queueOne() {
        var mailer = Mailer.create(jdbc, events::add, clock);
        var to = new Recipient("c1", Realm.USER, "u1", "User 1", "u1@example.jp", "en");
        var letter = new Mailer.Letter(
                MailKind.ACCOUNT_LOCKED,
                "account-locked",
                null,
                Map.of("failedAttempts", 5, "lockedAtJst", "1 October 2026, 09:00 JST"));
        return transactions.execute(s -> mailer.send(to, letter));
    }

    /** How often each notification ID reached the SMTP server. */
    private Map<String, Long> received() {
        return Arrays.stream(smtp.getReceivedMessages())
                .collect(java.util.stream.Collectors.groupingBy(
                        UnansweredMailIT::notificationId, java.util.stream.Collectors.counting()));
    }

    private static String notificationId(MimeMessage message) {
        try {
            return message.getHeader("X-Inkan-Notification-Id")[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

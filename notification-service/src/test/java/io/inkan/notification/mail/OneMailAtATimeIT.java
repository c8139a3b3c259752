package io.inkan.notification.mail;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two delivery workers (two instances of the service) on one database, H2 and PostgreSQL, in front of a real
 * SMTP server (GreenMail). Instance A reaches the server through {@link SlowSmtpProxy}, which holds the answer
 * to a mail's data until the test has let time pass on the shared clock: A is as slow as its SMTP timeouts
 * allow. Instance B reaches the server directly.
 */
class OneMailAtATimeIT {
    private static final int MAILS = 4;
    /** Real time a round of A may take at most: the held answers come at once, only the clock jumps. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    // Real timeouts generous enough for a slow CI machine; the lease is checked against them.
    private static final int CONNECT_MS = 5_000;
    private static final int READ_MS = 30_000;
    private static final int WRITE_MS = 30_000;
    /** One send's worst case under those timeouts: connect, write, and every answer of the session. */
    private static final Duration ONE_SEND = Duration.ofMillis(CONNECT_MS + WRITE_MS + 10L * READ_MS);

    private final MutableClock clock = MutableClock.at("2026-10-01T00:00:00Z");
    private final List<NotificationEvent> events = new CopyOnWriteArrayList<>();
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

    private void start(String database) throws Exception {
        smtp.start();
        slow = new SlowSmtpProxy(smtp.getSmtp().getPort());
        DataSource dataSource = switch (database) {
            case "h2" -> new DriverManagerDataSource(H2.freshDatabase("mail"), "sa", "");
            default -> new DriverManagerDataSource(Postgres.freshDatabase("mail"), Postgres.USER, Postgres.PASSWORD);
        };
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging", "classpath:db/migration/notification")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static final Duration LEASE = ONE_SEND.multipliedBy(2);

    private final Map<MailDelivery, SimpleMeterRegistry> meters = new HashMap<>();

    private MailDelivery instance(int smtpPort) {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        var timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", String.valueOf(CONNECT_MS));
        timeouts.put("mail.smtp.timeout", String.valueOf(READ_MS));
        timeouts.put("mail.smtp.writetimeout", String.valueOf(WRITE_MS));
        timeouts.put("mail.smtp.localhost", "localhost"); // the EHLO name, without a lookup of this host's name
        sender.setJavaMailProperties(timeouts);
        var properties = new MailDeliveryProperties(
                "no-reply@inkan.example",
                Duration.ofSeconds(5),
                10,
                Duration.ofSeconds(30),
                Duration.ofHours(1),
                LEASE,
                Duration.ofHours(24));
        var registry = new SimpleMeterRegistry();
        var delivery = new MailDelivery(jdbc, transactions, sender, events::add, properties, registry, clock);
        meters.put(delivery, registry);
        return delivery;
    }

    private double resent(MailDelivery instance) {
        return meters.get(instance).get(MailDelivery.RESENT).counter().count();
    }

    private List<String> queue(int count) {
        var mailer = Mailer.create(jdbc, events::add, clock);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var to = new Recipient("c1", Realm.USER, "u" + i, "User " + i, "u" + i + "@example.jp", "en");
            var letter = new Mailer.Letter(
                    MailKind.ACCOUNT_LOCKED,
                    "account-locked",
                    null,
                    Map.of("failedAttempts", 5, "lockedAtJst", "1 October 2026, 09:00 JST"));
            ids.add(transactions.execute(s -> mailer.send(to, letter)));
            clock.advance(Duration.ofSeconds(1)); // mail 1 is the oldest, so the first to be claimed
        }
        return ids;
    }

    /** How often each notification ID reached the SMTP server. */
    private Map<String, Long> received() {
        return Arrays.stream(smtp.getReceivedMessages())
                .collect(Collectors.groupingBy(OneMailAtATimeIT::notificationId, Collectors.counting()));
    }

    private static String notificationId(MimeMessage message) {
        try {
            return message.getHeader("X-Inkan-Notification-Id")[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void whileOneInstanceIsSlowSendingAMailTheOtherSendsTheRestAndEachArrivesOnce(String database) throws Exception {
        start(database);
        MailDelivery a = instance(slow.port());
        MailDelivery b = instance(smtp.getSmtp().getPort());
        List<String> ids = queue(MAILS);

        var aRound = CompletableFuture.supplyAsync(a::deliverDue);
        List<Integer> sentByB = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!aRound.isDone() && System.nanoTime() < deadline) {
            if (slow.awaitHeld(Duration.ofMillis(200))) {
                // A's mail was accepted by the server; its answer comes as late as A's timeouts allow
                clock.advance(ONE_SEND);
                sentByB.add(b.deliverDue());
                slow.release();
            }
        }
        aRound.get(1, TimeUnit.SECONDS);

        Map<String, Long> received = received();
        assertThat(received).as("each mail reached the server exactly once").containsOnlyKeys(ids);
        assertThat(received.values()).containsOnly(1L);
        assertThat(events.stream()
                        .filter(NotificationSent.class::isInstance)
                        .map(e -> ((NotificationSent) e).notificationId())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .as("one NotificationSent per mail")
                .containsOnlyKeys(ids)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
        // B did not wait for A: while A was stuck on mail 1, B sent mails 2..n, and never mail 1
        assertThat(sentByB).first().isEqualTo(MAILS - 1);
        assertThat(jdbc.sql("SELECT status FROM outgoing_mail")
                        .query(String.class)
                        .list())
                .hasSize(MAILS)
                .containsOnly("SENT");
        assertThat(resent(a) + resent(b)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aCrashAfterTheServerAcceptedAMailResendsThatOneMailOnceAndCountsIt(String database) throws Exception {
        start(database);
        MailDelivery a = instance(smtp.getSmtp().getPort());
        MailDelivery b = instance(smtp.getSmtp().getPort());
        List<String> ids = queue(3);
        var log = new ListAppender<ILoggingEvent>();
        log.start();
        var logger = (Logger) LoggerFactory.getLogger(MailDelivery.class);
        logger.addAppender(log);
        try {
            // A claims the oldest mail, the server accepts it, and A dies before recording that
            var inFlight = a.claimNext().orElseThrow();
            a.transmit(inFlight);
            assertThat(inFlight.id()).isEqualTo(ids.getFirst());

            // the crash holds up only the mail in flight, and only for its lease
            assertThat(b.deliverDue()).isEqualTo(2);
            clock.advance(LEASE.minusSeconds(1));
            assertThat(b.deliverDue()).isZero();
            assertThat(received())
                    .containsOnlyKeys(ids)
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
            assertThat(resent(b)).isZero();

            clock.advance(Duration.ofSeconds(1));
            assertThat(b.deliverDue()).isEqualTo(1);
            clock.advance(LEASE.multipliedBy(3));
            assertThat(a.deliverDue() + b.deliverDue()).isZero();

            Map<String, Long> received = received();
            assertThat(received.get(ids.getFirst()))
                    .as("the mail in flight went once more")
                    .isEqualTo(2L);
            assertThat(received.get(ids.get(1))).isEqualTo(1L);
            assertThat(received.get(ids.get(2))).isEqualTo(1L);
            assertThat(resent(b)).isEqualTo(1.0);
            assertThat(resent(a)).isZero();
            assertThat(events.stream()
                            .filter(NotificationSent.class::isInstance)
                            .map(e -> ((NotificationSent) e).notificationId()))
                    .containsExactlyInAnyOrderElementsOf(ids);
            assertThat(jdbc.sql("SELECT status FROM outgoing_mail")
                            .query(String.class)
                            .list())
                    .containsOnly("SENT");
        } finally {
            logger.detachAppender(log);
        }
        var warnings = log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertThat(warnings)
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .contains(ids.getFirst())
                .contains("sent again")
                .doesNotContain("@example.jp")
                .doesNotContain("User 0");
    }
}

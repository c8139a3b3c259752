package io.inkan.notification;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventCodec;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Topics;
import io.inkan.testsupport.MutableClock;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestTokens;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context all notification-service ITs share: the real service on a real port, a real broker (embedded
 * KRaft Kafka), a fresh PostgreSQL database, GreenMail as the SMTP server on a port of its own (so that it can be
 * stopped and started again on the same port), and auth-service's token keys played by {@link TestTokens}. The clock
 * stands still until a test moves it; tokens are minted at its time.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "inkan.messaging.partitions=2",
            "inkan.notification.scan-interval=PT1H",
            "inkan.notification.scan-batch-size=3",
            "inkan.notification.mail.poll-interval=PT0.2S",
            "inkan.notification.mail.initial-backoff=PT1M",
            "inkan.notification.mail.max-attempts=5",
            "inkan.data-dir=target/it-data"
        })
// The test clock runs years ahead of the broker's; records carry the clock's time as their timestamp.
@EmbeddedKafka(brokerProperties = "log.message.timestamp.after.max.ms=" + Long.MAX_VALUE)
@AutoConfigureMockMvc
@Import(TestClockConfiguration.class)
public abstract class NotificationIT {
    protected static final MutableClock CLOCK = MutableClock.at("2026-10-01T00:00:00Z");
    protected static final int SMTP_PORT = freePort();
    protected static final TestTokens TOKENS = TestTokens.get();
    private static String database;
    private static volatile GreenMail smtp = startSmtp();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> Postgres.USER);
        registry.add("spring.datasource.password", () -> Postgres.PASSWORD);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("inkan.auth.url", TOKENS::url);
    }

    @Value("${spring.embedded.kafka.brokers}")
    protected String brokers;

    @Autowired
    protected EventCodec codec;

    /** Before the context loads, so that a missing PostgreSQL skips (or, under CI, fails) cleanly. */
    @BeforeAll
    static synchronized void freshDatabaseOnce() {
        if (database == null) {
            database = Postgres.freshDatabase("notification_it");
        }
    }

    @AfterAll
    static void keepSmtpUp() {
        if (smtp == null) {
            smtpUp();
        }
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        return server;
    }

    protected static synchronized void smtpDown() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    protected static synchronized void smtpUp() {
        if (smtp == null) {
            smtp = startSmtp();
        }
    }

    /** Mails the SMTP server (since it last started) received for {@code address}. */
    protected static List<MimeMessage> mailsTo(String address) {
        GreenMail server = smtp;
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> recipients(m).contains(address))
                .toList();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String body(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes {@code event} as its producer would: on its topic, keyed, with the CloudEvents headers. */
    protected void publish(InkanEvent event) {
        try {
            var record = new ProducerRecord<String, byte[]>(Topics.of(event), event.key(), codec.encode(event));
            record.headers()
                    .add(header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0))
                    .add(header(CloudEventHeaders.ID, UUID.randomUUID().toString()))
                    .add(header(CloudEventHeaders.TYPE, EventTypes.nameOf(event)))
                    .add(header(CloudEventHeaders.SOURCE, "/it"))
                    .add(header(CloudEventHeaders.SUBJECT, event.key()))
                    .add(header(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON));
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    private static KafkaProducer<String, byte[]> producer;

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(
                    Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                    new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }

    @AfterAll
    static synchronized void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(2));
            producer = null;
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    protected static Instant now() {
        return CLOCK.instant();
    }

    /** An operator's token, valid at the test clock's time. */
    protected static String operatorToken() {
        return TOKENS.operator("operator", now());
    }

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

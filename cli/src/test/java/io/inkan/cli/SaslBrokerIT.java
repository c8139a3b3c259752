package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator reaches a broker that lets no one in without SASL credentials, as docker compose's broker
 * does, with the settings in a {@code --kafka-config} file and {@code --kafka-property}s; the password in
 * them is never printed. The broker is Kafka's own test kit with a SASL_PLAINTEXT listener (mechanism
 * PLAIN, its administrator {@value #USER}).
 */
class SaslBrokerIT {
    private static final String USER = "plain-admin";
    private static final String PASSWORD = "plain-admin-secret";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + USER + "\" password=\"" + PASSWORD + "\";";
    private static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.AUTH);

    private static KafkaClusterTestKit kafka;
    private static String bootstrap;
    private static final String CE_ID = UUID.randomUUID().toString();

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
                        .build())
                // one broker: the group offsets (where replay keeps how far it got) have a single replica
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        bootstrap = kafka.bootstrapServers();
        Properties admin = kafka.clientProperties();
        admin.put("security.protocol", "SASL_PLAINTEXT");
        admin.put("sasl.mechanism", "PLAIN");
        admin.put("sasl.jaas.config", JAAS);
        try (Admin topics = Admin.create(admin)) {
            topics.createTopics(List.of(
                            new NewTopic(Topics.AUTH, 1, (short) 1), new NewTopic(DEAD_LETTER_TOPIC, 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        // a dead letter with the headers DeadLetterPublishingRecoverer writes
        List<Header> headers = List.of(
                header(CloudEventHeaders.ID, CE_ID.getBytes(StandardCharsets.UTF_8)),
                header(CloudEventHeaders.TYPE, "io.inkan.AccountLocked.v1".getBytes(StandardCharsets.UTF_8)),
                header("kafka_dlt-original-topic", Topics.AUTH.getBytes(StandardCharsets.UTF_8)),
                header(
                        "kafka_dlt-original-partition",
                        ByteBuffer.allocate(4).putInt(0).array()),
                header(
                        "kafka_dlt-original-offset",
                        ByteBuffer.allocate(8).putLong(41).array()),
                header("kafka_dlt-exception-fqcn", "java.lang.IllegalStateException".getBytes(StandardCharsets.UTF_8)),
                header("kafka_dlt-exception-message", "refused".getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(admin, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(DEAD_LETTER_TOPIC, null, "C001:U001", "{\"secret\":\"x\"}", headers))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withTheSaslSettingsFromAFileAndTheCommandLineTheOperatorListsAndReplays() throws Exception {
        Path config = Files.writeString(
                dir.resolve("kafka.properties"),
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER
                        + "\" password=\"" + PASSWORD + "\";\n");

        Run list = Run.inkan(
                "",
                "dlt",
                "list",
                "--topic",
                "auth",
                "--bootstrap-servers",
                bootstrap,
                "--kafka-config",
                config.toString(),
                "--kafka-property",
                "security.protocol=SASL_PLAINTEXT",
                "--kafka-property",
                "sasl.mechanism=PLAIN");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("from inkan.auth.events-0@41", "ce_id=" + CE_ID);
        assertThat(list.out() + list.err()).doesNotContain(PASSWORD);

        Run replay = Run.inkan(
                "",
                "dlt",
                "replay",
                "--topic",
                "auth",
                "--all",
                "--bootstrap-servers",
                bootstrap,
                "--kafka-config",
                config.toString(),
                "--kafka-property",
                "security.protocol=SASL_PLAINTEXT",
                "--kafka-property",
                "sasl.mechanism=PLAIN");

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("ce_id=" + CE_ID);
    }

    @Test
    void aWrongPasswordIsReportedWithoutShowingIt() throws Exception {
        Path config = Files.writeString(
                dir.resolve("wrong.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
                        + "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + USER + "\" password=\"not-the-password\";\n");

        Run run = Run.inkan("", "dlt", "list", "--bootstrap-servers", bootstrap, "--kafka-config", config.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("Authentication failed").doesNotContain("not-the-password");
    }

    @Test
    void withoutCredentialsTheBrokerIsNotReached() {
        Run run = Run.inkan("", "dlt", "list", "--topic", "auth", "--bootstrap-servers", bootstrap);

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).doesNotContain(CE_ID);
    }

    private static Header header(String name, byte[] value) {
        return new RecordHeader(name, value);
    }
}

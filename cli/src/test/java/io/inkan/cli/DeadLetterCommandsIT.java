package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code inkan dlt list|replay} against a real broker, on records dead-lettered the way the services do it:
 * by Spring Kafka's DeadLetterPublishingRecoverer, from a consumer in the service's group, to
 * {@code <topic>-dlt}. The records' values stand for what real ones carry: a sealed secret and a
 * customer's e-mail address, which the listing must never show.
 */
@EmbeddedKafka(
        topics = {Topics.AUTH, Topics.AUTH + "-dlt"},
        partitions = 3)
class DeadLetterCommandsIT {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TYPE = "io.inkan.AccountLocked.v1";
    private static final String CONSUMER_GROUP = "admin-service";

    private static String bootstrap;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaTemplate<Object, Object> template;

    @BeforeAll
    static void start(EmbeddedKafkaBroker broker) {
        bootstrap = broker.getBrokersAsString();
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new ByteArraySerializer());
        template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class)));
    }

    @AfterAll
    static void stop() {
        producer.close(Duration.ofSeconds(2));
        template.destroy();
    }

    @Test
    void listShowsWhereADeadLetterCameFromAndWhyButNeverItsValue() throws Exception {
        String key = "C001:U" + UUID.randomUUID().toString().substring(0, 6);
        String ceId = UUID.randomUUID().toString();
        Instant before = Instant.now().minusMillis(1);
        RecordMetadata original = deadLetter(key, ceId);
        Instant after = Instant.now().plusMillis(1);
        ConsumerRecord<String, byte[]> dead = find(Topics.deadLetter(Topics.AUTH), ceId, Map.of());

        Run run = Run.inkan("", "dlt", "list", "--topic", "auth", "--bootstrap-servers", bootstrap);

        assertThat(run.exitCode()).as(run.err()).isZero();
        String line = lineWith(run.out(), ceId);
        Matcher shown = Pattern.compile(Pattern.quote("inkan.auth.events-dlt-" + dead.partition() + "@" + dead.offset()
                                + "  from inkan.auth.events-"
                                + original.partition() + "@" + original.offset() + "  AccountLocked  ce_id=" + ceId
                                + "  key=" + key + "  dead-lettered=")
                        + "(\\S+)"
                        + Pattern.quote("  group=" + CONSUMER_GROUP
                                + "  exception=org.springframework.kafka.listener.ListenerExecutionFailedException"
                                + " (cause java.lang.IllegalStateException): Listener failed; the rules refuse it"))
                .matcher(line);
        assertThat(shown.matches()).as(line).isTrue();
        assertThat(Instant.parse(shown.group(1))).isBetween(before, after);
        assertThat(run.out()).doesNotContain("SEALED-SECRET", "taro@example.jp");

        Run json = Run.inkan("", Map.of("INKAN_BOOTSTRAP", bootstrap), "dlt", "list", "--json"); // every topic's DLT
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode object = JSON.readTree(lineWith(json.out(), ceId));
        assertThat(object.get("topic").asString()).isEqualTo("inkan.auth.events-dlt");
        assertThat(object.get("offset").asLong()).isEqualTo(dead.offset());
        assertThat(object.get("originalTopic").asString()).isEqualTo(Topics.AUTH);
        assertThat(object.get("originalOffset").asLong()).isEqualTo(original.offset());
        assertThat(object.get("ceType").asString()).isEqualTo(TYPE);
        assertThat(object.get("key").asString()).isEqualTo(key);
        assertThat(object.get("exceptionCause").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(object.get("exceptionMessage").asString()).isEqualTo("Listener failed; the rules refuse it");
        assertThat(object.has("value")).isFalse();
        assertThat(json.out()).doesNotContain("SEALED-SECRET", "taro@example.jp");
    }

    @Test
    void replayAllSendsEachDeadLetterBackOnceWithItsCeIdKeyAndValue() throws Exception {
        String key = "C002:U" + UUID.randomUUID().toString().substring(0, 6);
        String ceId = UUID.randomUUID().toString();
        deadLetter(key, ceId);
        Map<TopicPartition, Long> before = endOffsets(Topics.AUTH);

        Run first = Run.inkan("", "dlt", "replay", "--topic", Topics.AUTH, "--all", "--bootstrap-servers", bootstrap);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(lineWith(first.out(), ceId))
                .startsWith("sent inkan.auth.events-dlt-")
                .contains("key=" + key);
        List<ConsumerRecord<String, byte[]>> back = readAll(Topics.AUTH, before).stream()
                .filter(record -> ceId.equals(header(record, CloudEventHeaders.ID)))
                .toList();
        assertThat(back).hasSize(1);
        ConsumerRecord<String, byte[]> replayed = back.getFirst();
        assertThat(replayed.key()).isEqualTo(key);
        assertThat(new String(replayed.value(), StandardCharsets.UTF_8)).isEqualTo(value(key));
        assertThat(header(replayed, CloudEventHeaders.TYPE)).isEqualTo(TYPE);
        assertThat(header(replayed, CloudEventHeaders.SOURCE)).isEqualTo("/auth-service");
        assertThat(replayed.headers()).noneMatch(header -> header.key().startsWith("kafka_dlt-"));

        Map<TopicPartition, Long> afterFirst = endOffsets(Topics.AUTH);
        Run second = Run.inkan("", "dlt", "replay", "--topic", "auth", "--all", "--bootstrap-servers", bootstrap);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).isEmpty();
        assertThat(second.err()).contains("Nothing to replay on inkan.auth.events-dlt");
        assertThat(endOffsets(Topics.AUTH)).isEqualTo(afterFirst);
    }

    @Test
    void replayOfOneOffsetSendsThatRecordAndRefusesOffsetsThatHoldNone() throws Exception {
        String key = "C003:U" + UUID.randomUUID().toString().substring(0, 6);
        String ceId = UUID.randomUUID().toString();
        deadLetter(key, ceId);
        ConsumerRecord<String, byte[]> dead = find(Topics.deadLetter(Topics.AUTH), ceId, Map.of());
        Map<TopicPartition, Long> before = endOffsets(Topics.AUTH);

        Run ambiguous =
                Run.inkan("", "dlt", "replay", "--topic", "auth", "--offset", "0", "--bootstrap-servers", bootstrap);
        assertThat(ambiguous.exitCode()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("has 3 partitions: say which with --partition P");

        Run one = Run.inkan(
                "",
                "dlt",
                "replay",
                "--topic",
                "inkan.auth.events-dlt",
                "--partition",
                String.valueOf(dead.partition()),
                "--offset",
                String.valueOf(dead.offset()),
                "--bootstrap-servers",
                bootstrap);

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out().lines()).singleElement().asString().contains("ce_id=" + ceId);
        assertThat(readAll(Topics.AUTH, before)).singleElement().satisfies(record -> {
            assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(ceId);
            assertThat(record.key()).isEqualTo(key);
        });

        Run nothingThere = Run.inkan(
                "",
                "dlt",
                "replay",
                "--topic",
                "auth",
                "--partition",
                String.valueOf(dead.partition()),
                "--offset",
                "999999",
                "--bootstrap-servers",
                bootstrap);
        assertThat(nothingThere.exitCode()).isEqualTo(3);
        assertThat(nothingThere.err()).contains("no record at inkan.auth.events-dlt-" + dead.partition() + "@999999");
    }

    @Test
    void aBrokerIsReachedWithTheSettingsOfAKafkaConfigFile(@TempDir Path dir) throws Exception {
        String ceId = UUID.randomUUID().toString();
        deadLetter("C004:U001", ceId);
        Path config = Files.writeString(
                dir.resolve("kafka.properties"),
                "# as for a TLS or SASL broker, with security.protocol, sasl.jaas.config ...\n" + "bootstrap.servers="
                        + bootstrap + "\nclient.dns.lookup=use_all_dns_ips\n");
        String closed = "127.0.0.1:" + InkanCommandLineTest.closedPort();

        Run run = Run.inkan(
                "",
                Map.of("INKAN_BOOTSTRAP", closed),
                "dlt",
                "list",
                "--topic",
                "auth",
                "--kafka-config",
                config.toString(),
                "--kafka-property",
                "receive.buffer.bytes=65536");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ce_id=" + ceId);
    }

    @Test
    void listOfAnUnreachableBrokerExits4() throws Exception {
        Run run = Run.inkan("", "dlt", "list", "--bootstrap-servers", "127.0.0.1:" + InkanCommandLineTest.closedPort());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("Kafka is not reachable");
    }

    // ---- the services' part: publish an event, fail on it, dead-letter it ----

    private static String value(String key) {
        return "{\"accountId\":\"" + key + "\",\"email\":\"taro@example.jp\",\"sealedCredentials\":\"SEALED-SECRET-"
                + key + "\"}";
    }

    /** Publishes an event as a service's outbox relay does and dead-letters it as a service's consumer does. */
    private static RecordMetadata deadLetter(String key, String ceId) throws Exception {
        List<Header> headers = List.of(
                header(CloudEventHeaders.SPEC_VERSION, "1.0"),
                header(CloudEventHeaders.ID, ceId),
                header(CloudEventHeaders.TYPE, TYPE),
                header(CloudEventHeaders.SOURCE, "/auth-service"),
                header(CloudEventHeaders.TIME, "2026-04-01T09:00:00Z"),
                header(CloudEventHeaders.SUBJECT, key),
                header(CloudEventHeaders.CONTENT_TYPE, "application/json"));
        RecordMetadata sent = producer.send(new ProducerRecord<>(
                        Topics.AUTH, null, key, value(key).getBytes(StandardCharsets.UTF_8), headers))
                .get(10, TimeUnit.SECONDS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        CONSUMER_GROUP,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(sent.topic(), sent.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, sent.offset());
            ConsumerRecord<String, byte[]> record = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (record == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> polled : consumer.poll(Duration.ofMillis(200))) {
                    if (polled.offset() == sent.offset()) {
                        record = polled;
                    }
                }
            }
            assertThat(record).as("the event on " + partition).isNotNull();
            var recoverer = new DeadLetterPublishingRecoverer(
                    template, (failed, failure) -> new TopicPartition(Topics.deadLetter(failed.topic()), -1));
            // what the listener container hands its error handler: the listener's exception, wrapped with the group
            recoverer.accept(
                    record,
                    consumer,
                    new ListenerExecutionFailedException(
                            "Listener failed", CONSUMER_GROUP, new IllegalStateException("the rules refuse it")));
        }
        return sent;
    }

    private static ConsumerRecord<String, byte[]> find(String topic, String ceId, Map<TopicPartition, Long> from) {
        return readAll(topic, from).stream()
                .filter(record -> ceId.equals(header(record, CloudEventHeaders.ID)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no record with ce_id " + ceId + " on " + topic));
    }

    /** Every record of {@code topic} from {@code from} (else from the beginning) to its end now. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            Map<TopicPartition, Long> end = endOffsets(topic);
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            from.forEach(consumer::seek);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (end.keySet().stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime())
                        .as("reading " + topic + " in time")
                        .isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = reader()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    private static KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String lineWith(String output, String text) {
        return output.lines()
                .filter(line -> line.contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text + " in:\n" + output));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

package io.inkan.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real broker from Kafka's server jars, a plain producer and consumer, and a restart on the same directory. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalKafkaIT {

    private static final String TOPIC = "inkan.local.kafka-it";

    @Test
    void keepsRecordsOffsetsAndClusterIdAcrossARestart(@TempDir Path dir) throws Exception {
        Path kafkaDir = dir.resolve("kafka");
        String clusterId;
        try (LocalKafka kafka =
                LocalKafka.builder().port(0).controllerPort(0).dataDir(kafkaDir).start()) {
            assertThat(kafka.formattedOnStart()).isTrue();
            assertThat(kafka.port()).isNotEqualTo(kafka.controllerPort());
            assertThat(Files.readString(kafkaDir.resolve("meta.properties"))).contains(kafka.clusterId());
            clusterId = kafka.clusterId();

            // the topic does not exist: auto-creation makes it
            RecordMetadata sent = produce(kafka.bootstrapServers(), "key-1", "証明書が発行されました");
            assertThat(sent.offset()).isZero();

            // a consumer group: exercises __consumer_offsets with replication factor 1
            assertThat(consume(kafka.bootstrapServers(), "group-before-restart"))
                    .containsExactly("key-1=証明書が発行されました");
        }

        try (LocalKafka kafka =
                LocalKafka.builder().port(0).controllerPort(0).dataDir(kafkaDir).start()) {
            assertThat(kafka.formattedOnStart()).isFalse();
            assertThat(kafka.clusterId()).isEqualTo(clusterId);

            assertThat(consume(kafka.bootstrapServers(), "group-after-restart")).containsExactly("key-1=証明書が発行されました");
            assertThat(committedOffset(kafka.bootstrapServers(), "group-before-restart"))
                    .isEqualTo(1L);
        }
    }

    private static RecordMetadata produce(String bootstrapServers, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            return producer.send(new ProducerRecord<>(TOPIC, key, value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> consume(String bootstrapServers, String groupId) {
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, groupId))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.key() + "=" + record.value());
                }
            }
            consumer.commitSync();
        }
        return received;
    }

    private static Long committedOffset(String bootstrapServers, String groupId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers, groupId))) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            OffsetAndMetadata committed = consumer.committed(java.util.Set.of(partition), Duration.ofSeconds(30))
                    .get(partition);
            return committed == null ? null : committed.offset();
        }
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers, String groupId) {
        return Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
    }
}

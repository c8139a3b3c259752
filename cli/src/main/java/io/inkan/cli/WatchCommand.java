package io.inkan.cli;

import io.inkan.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code inkan watch}: follows topics from their end (or beginning) without joining a consumer group,
 * so watching never disturbs the services or moves anyone's offsets.
 */
final class WatchCommand {
    private static final Set<String> SHORT_NAMES = Set.of("admin", "auth", "issuance", "notification");
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Terminal terminal;

    WatchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    int run(List<String> words) {
        Args args = Args.parse(words, Set.of("bootstrap", "limit"), Set.of("json", "from-beginning"));
        String bootstrap = args.option("bootstrap", terminal.env("INKAN_BOOTSTRAP", Inkan.DEFAULT_BOOTSTRAP));
        long limit = args.number("limit", Long.MAX_VALUE);
        boolean json = args.flag("json");
        List<String> topics = args.positional().isEmpty()
                ? Topics.ALL
                : args.positional().stream().map(WatchCommand::topic).toList();

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "inkan-watch-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) METADATA_TIMEOUT.toMillis());
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Thread stopper = new Thread(consumer::wakeup, "inkan-watch-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                List<TopicPartition> partitions = partitions(consumer, topics, bootstrap);
                consumer.assign(partitions);
                if (args.flag("from-beginning")) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                partitions.forEach(consumer::position);
                terminal.err.println("Watching " + String.join(", ", topics) + " on " + bootstrap
                        + (limit == Long.MAX_VALUE ? " (Ctrl-C to stop)" : ""));
                long printed = 0;
                while (printed < limit && !main.isInterrupted()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        terminal.out.println(json ? EventLine.json(record) : EventLine.readable(record));
                        terminal.out.flush();
                        if (++printed >= limit) {
                            break;
                        }
                    }
                }
                return ExitCode.OK;
            } catch (WakeupException stopped) {
                return ExitCode.OK;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw CliFailure.unreachable("Kafka is not reachable at " + bootstrap, e);
            } catch (KafkaException e) {
                throw CliFailure.unreachable("Kafka at " + bootstrap + " failed: " + e.getMessage(), e);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: Ctrl-C
                }
            }
        }
    }

    /** A topic by its name, its short name ({@code auth}: inkan.auth.events) or {@code frontend}. */
    static String topic(String name) {
        if (SHORT_NAMES.contains(name)) {
            return "inkan." + name + ".events";
        }
        return name.equals("frontend") ? Topics.FRONTEND_REQUESTS : name;
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<String, byte[]> consumer, List<String> topics, String bootstrap) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw CliFailure.refused("topic " + topic + " does not exist on " + bootstrap);
            }
            partitions.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        return all;
    }
}

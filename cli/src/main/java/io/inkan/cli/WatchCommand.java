package io.inkan.cli;

import io.inkan.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inkan watch}: follows topics from their end (or beginning) without joining a consumer group,
 * so watching never disturbs the services or moves anyone's offsets.
 */
@Command(
        name = "watch",
        customSynopsis = "inkan watch [TOPIC ...] [--json] [--from-beginning] [--limit N] [KAFKA]",
        description = {
            "Follows the topics (default: all five; 'admin', 'auth', ... are short for inkan.<name>.events) and"
                    + " prints one line per event: time, type, key, key fields. --json prints each record as JSON.",
            "Never joins a consumer group: watching disturbs nobody."
        },
        footer = {
            "",
            "exit codes: 0 stopped (Ctrl-C or --limit reached); 3 a topic does not exist; 4 Kafka unreachable;"
                    + " 2 wrong command line"
        })
final class WatchCommand implements Callable<Integer> {
    private static final Set<String> SHORT_NAMES = Set.of("admin", "auth", "issuance", "notification");
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);

    private final Terminal terminal;

    @Parameters(
            paramLabel = "TOPIC",
            arity = "0..*",
            description = "a topic, or admin, auth, issuance, notification, frontend")
    private List<String> topicNames = new ArrayList<>();

    @Option(names = "--json", description = "print each record as one JSON object")
    private boolean json;

    @Option(names = "--from-beginning", description = "start at the topics' beginning, not their end")
    private boolean fromBeginning;

    @Option(names = "--limit", paramLabel = "N", description = "stop after N events")
    private String limitText;

    @Mixin
    private KafkaConnection.Options kafkaOptions;

    WatchCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        KafkaConnection kafka = kafkaOptions.connect(terminal);
        String bootstrap = kafka.bootstrap();
        long limit = Options.positive("limit", limitText, Long.MAX_VALUE);
        List<String> topics = topicNames.isEmpty()
                ? Topics.ALL
                : topicNames.stream().map(WatchCommand::topic).toList();

        Map<String, Object> config = kafka.with(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "inkan-watch-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) METADATA_TIMEOUT.toMillis()));
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Thread stopper = new Thread(consumer::wakeup, "inkan-watch-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                List<TopicPartition> partitions = partitions(consumer, topics, bootstrap);
                consumer.assign(partitions);
                if (fromBeginning) {
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

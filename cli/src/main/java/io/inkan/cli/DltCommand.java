package io.inkan.cli;

import io.inkan.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code inkan dlt list|replay}: shows what went to the dead-letter topics and sends it back to where it
 * came from. Reading never joins a consumer group (assign and seek, up to the end offsets seen at the
 * start), so it disturbs nobody. Replay remembers how far it got in the offsets of the group
 * {@value #REPLAY_GROUP}, committed only once the broker has acknowledged what was sent, so a second
 * {@code replay --all} sends nothing twice; a record sent twice anyway (a crash between the two) keeps its
 * {@code ce_id}, which the consumers' inboxes recognise.
 */
@Command(
        name = "dlt",
        customSynopsis = {
            "inkan dlt list [--topic T] [--json] [KAFKA]",
            "       inkan dlt replay --topic T (--all | [--partition P] --offset N) [KAFKA]"
        },
        description = {
            "Lists the records on the dead-letter topics (<topic>-dlt) and sends them back to their topic.",
            "T is a topic (inkan.auth.events), its short name (admin, frontend, auth, issuance, notification) or its"
                    + " dead-letter topic (inkan.auth.events-dlt)."
        },
        footer = {
            "",
            "KAFKA: --bootstrap-servers HOST:PORT (or --bootstrap; default INKAN_BOOTSTRAP, else 127.0.0.1:9092)",
            "       --kafka-config FILE       Kafka client properties (security.protocol, ssl.*, sasl.mechanism,",
            "                                 sasl.jaas.config ...); keep secrets in this file, not on the",
            "                                 command line, where ps shows them",
            "       --kafka-property NAME=VALUE   one client property, repeatable; wins over the file",
            "",
            DltCommand.EXIT_CODES
        })
final class DltCommand implements Callable<Integer> {
    static final String REPLAY_GROUP = "inkan-dlt-replay";

    static final String EXIT_CODES = "exit codes: 0 done, also when there was nothing to list or replay;"
            + " 3 no such topic, partition or offset; 4 Kafka unreachable or refusing; 2 wrong command line";

    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);
    /** How long reading may go without any progress before the broker is taken to be away. */
    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    /** Headers that describe the failure, not the event: they stay behind when a record goes back. */
    private static final List<String> FAILURE_HEADER_PREFIXES =
            List.of(DeadLetter.DLT_HEADER_PREFIX, "springDeserializerException");

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    DltCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /** dlt with its subcommands list and replay. */
    CommandLine commandLine() {
        return new CommandLine(this).addSubcommand(new ListCommand()).addSubcommand(new ReplayCommand());
    }

    /** {@code inkan dlt} alone: which subcommands there are. */
    @Override
    public Integer call() {
        return CommandLines.missingSubcommand(spec);
    }

    @Command(
            name = "list",
            customSynopsis = "inkan dlt list [--topic T] [--json] [KAFKA]",
            description = {
                "Lists the records on the dead-letter topics (<topic>-dlt): where from, type, ce_id, key, when and"
                        + " why. Never their values.",
                "One line per record: where it is (dlt-topic-partition@offset), where it came from, its ce_type,"
                        + " ce_id and key, when it was dead-lettered, the consumer group that gave up on it and the"
                        + " exception. --json prints one JSON object per line."
            },
            footer = {"", EXIT_CODES})
    final class ListCommand implements Callable<Integer> {
        @Mixin
        KafkaConnection.Options kafkaOptions;

        @Option(names = "--topic", paramLabel = "T", description = "only T's dead-letter topic")
        String topic;

        @Option(names = "--json", description = "one JSON object per line")
        Boolean json;

        @Override
        public Integer call() {
            KafkaConnection kafka = kafkaOptions.connect(terminal);
            List<String> deadLetterTopics = topic == null
                    ? Topics.ALL.stream().map(Topics::deadLetter).toList()
                    : List.of(deadLetterTopic(topic));
            return withKafka(kafka, () -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, null)) {
                    List<TopicPartition> partitions = partitions(consumer, deadLetterTopics, topic != null, kafka);
                    Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, API_TIMEOUT);
                    long[] count = {0};
                    readToEnd(consumer, start, batch -> {
                        for (ConsumerRecord<byte[], byte[]> record : batch) {
                            DeadLetter letter = DeadLetter.of(record);
                            terminal.out.println(Boolean.TRUE.equals(json) ? letter.json() : letter.readable());
                            count[0]++;
                        }
                        terminal.out.flush();
                    });
                    terminal.err.println(count[0] + " dead letter(s) on " + String.join(", ", deadLetterTopics));
                    return ExitCode.OK;
                }
            });
        }
    }

    @Command(
            name = "replay",
            customSynopsis = "inkan dlt replay --topic T (--all | [--partition P] --offset N) [KAFKA]",
            description = {
                "Sends dead letters back to their topic with their ce_id and key; --all sends each once.",
                "The records of T's dead-letter topic go back to T with their key and CloudEvents headers (the same"
                        + " ce_id: a service that applied one already recognises it) and without the kafka_dlt-*"
                        + " headers. --all sends those not replayed before (the group inkan-dlt-replay remembers how"
                        + " far it got); --offset N sends that one record (--partition P when the dead-letter topic"
                        + " has several partitions), even if it went back before. Prints each record it sent;"
                        + " nothing to send is not a failure."
            },
            footer = {"", EXIT_CODES})
    final class ReplayCommand implements Callable<Integer> {
        @Mixin
        KafkaConnection.Options kafkaOptions;

        @Option(names = "--topic", paramLabel = "T", description = "the topic whose dead letters go back")
        String topic;

        @Option(names = "--all", description = "every record not replayed before")
        Boolean allGiven;

        @Option(names = "--partition", paramLabel = "P", description = "the dead-letter partition (with --offset)")
        String partitionText;

        @Option(names = "--offset", paramLabel = "N", description = "the one record to send")
        String offsetText;

        @Override
        public Integer call() {
            boolean all = Boolean.TRUE.equals(allGiven);
            KafkaConnection kafka = kafkaOptions.connect(terminal);
            String deadLetterTopic = deadLetterTopic(Options.required("topic", topic));
            if (all == (offsetText != null)) {
                throw CliFailure.usage("replay needs either --all or --offset N");
            }
            if (all && partitionText != null) {
                throw CliFailure.usage("--partition goes with --offset, not with --all");
            }
            long offset = all ? -1 : Options.nonNegative("offset", offsetText, Long.MAX_VALUE);
            Integer partitionNumber = partitionText == null
                    ? null
                    : (int) Options.nonNegative("partition", partitionText, Integer.MAX_VALUE);
            Replay replay = new Replay(deadLetterTopic);
            return withKafka(kafka, () -> {
                try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, REPLAY_GROUP);
                        KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                    List<TopicPartition> partitions = partitions(consumer, List.of(deadLetterTopic), true, kafka);
                    long sent = all
                            ? replay.all(consumer, producer, partitions)
                            : replay.one(
                                    consumer,
                                    producer,
                                    partition(partitionNumber, partitions, deadLetterTopic),
                                    offset);
                    terminal.err.println(
                            sent == 0
                                    ? "Nothing to replay on " + deadLetterTopic + "."
                                    : "Replayed " + sent + " record(s) from " + deadLetterTopic + " to " + replay.target
                                            + ".");
                    return ExitCode.OK;
                }
            });
        }
    }

    /** Sends dead letters back to the topic their dead-letter topic belongs to. */
    private final class Replay {
        /** Always the dead-letter topic's own topic, whatever a record's headers claim. */
        final String target;

        Replay(String deadLetterTopic) {
            this.target = deadLetterTopic.substring(0, deadLetterTopic.length() - "-dlt".length());
        }

        /** Everything after the group's committed offsets, up to the end seen now. */
        long all(
                KafkaConsumer<byte[], byte[]> consumer,
                KafkaProducer<byte[], byte[]> producer,
                List<TopicPartition> partitions) {
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, API_TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    consumer.committed(new HashSet<>(partitions), API_TIMEOUT);
            Map<TopicPartition, Long> start = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                long beginning = beginnings.get(partition);
                // records the broker has deleted since (retention) cannot be sent any more
                start.put(partition, done == null ? beginning : Math.max(done.offset(), beginning));
            }
            long[] sent = {0};
            readToEnd(consumer, start, batch -> sent[0] += sendAndCommit(consumer, producer, batch));
            return sent[0];
        }

        /** The record at {@code offset}, even if it was replayed before. */
        long one(
                KafkaConsumer<byte[], byte[]> consumer,
                KafkaProducer<byte[], byte[]> producer,
                TopicPartition partition,
                long offset) {
            long beginning =
                    consumer.beginningOffsets(List.of(partition), API_TIMEOUT).get(partition);
            long end = consumer.endOffsets(List.of(partition), API_TIMEOUT).get(partition);
            String where = partition.topic() + "-" + partition.partition() + "@" + offset;
            if (offset < beginning || offset >= end) {
                throw CliFailure.refused("no record at " + where
                        + (beginning < end
                                ? " (that partition holds offsets " + beginning + " to " + (end - 1) + ")"
                                : " (that partition is empty)"));
            }
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            readToEnd(
                    consumer,
                    Map.of(partition, offset),
                    Map.of(partition, offset + 1),
                    batch -> batch.stream()
                            .filter(record -> record.offset() == offset)
                            .forEach(found::add));
            if (found.isEmpty()) {
                throw CliFailure.refused("no record at " + where + " (a transaction marker)");
            }
            // Move the group on only when this record is the next one --all would send; a record further on
            // cannot be marked as done by an offset without marking those before it too.
            OffsetAndMetadata done =
                    consumer.committed(Set.of(partition), API_TIMEOUT).get(partition);
            boolean next = (done == null ? beginning : done.offset()) == offset;
            return sendAndCommit(next ? consumer : null, producer, found);
        }

        /**
         * Sends the records, waits for the broker's acknowledgements and commits, per dead-letter partition,
         * the offset after the last record acknowledged before any failure.
         */
        private long sendAndCommit(
                KafkaConsumer<byte[], byte[]> consumer,
                KafkaProducer<byte[], byte[]> producer,
                List<ConsumerRecord<byte[], byte[]>> batch) {
            Map<ConsumerRecord<byte[], byte[]>, Future<RecordMetadata>> pending = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                pending.put(record, producer.send(backToOriginal(record)));
            }
            producer.flush();
            Map<TopicPartition, OffsetAndMetadata> acknowledged = new HashMap<>();
            Set<TopicPartition> failed = new HashSet<>();
            Throwable failure = null;
            long sent = 0;
            for (var entry : pending.entrySet()) {
                ConsumerRecord<byte[], byte[]> record = entry.getKey();
                TopicPartition from = new TopicPartition(record.topic(), record.partition());
                if (failed.contains(from)) {
                    continue;
                }
                try {
                    RecordMetadata to = entry.getValue().get(API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    acknowledged.put(from, new OffsetAndMetadata(record.offset() + 1));
                    DeadLetter letter = DeadLetter.of(record);
                    terminal.out.println("sent " + letter.where() + "  to " + to.topic() + "-" + to.partition()
                            + "@" + to.offset() + "  " + EventLine.shortType(letter.ceType()) + "  ce_id="
                            + (letter.ceId() == null ? "-" : letter.ceId()) + "  key="
                            + (letter.key() == null ? "-" : letter.key()));
                    sent++;
                } catch (ExecutionException e) {
                    failed.add(from);
                    failure = e.getCause();
                } catch (java.util.concurrent.TimeoutException e) {
                    failed.add(from);
                    failure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.add(from);
                    failure = e;
                }
            }
            terminal.out.flush();
            if (consumer != null && !acknowledged.isEmpty()) {
                consumer.commitSync(acknowledged, API_TIMEOUT);
            }
            if (failure != null) {
                throw CliFailure.unreachable(
                        "Kafka did not take the record(s) back on " + target + ": " + failure
                                + " (what was sent before is remembered; replay --all again to go on)",
                        failure);
            }
            return sent;
        }

        private ProducerRecord<byte[], byte[]> backToOriginal(ConsumerRecord<byte[], byte[]> record) {
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (FAILURE_HEADER_PREFIXES.stream().noneMatch(header.key()::startsWith)) {
                    headers.add(header);
                }
            }
            // No partition: the key decides, as it does for the services' own events, so the record joins its
            // key's partition and keeps its place among that key's later events. No timestamp: the broker's
            // time, as for any record sent now; when the event happened travels in ce_time.
            return new ProducerRecord<>(target, null, null, record.key(), record.value(), headers);
        }
    }

    /** Reads from {@code start} up to the end offsets as they are now; later records are left for next time. */
    private static void readToEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> start,
            Consumer<List<ConsumerRecord<byte[], byte[]>>> handler) {
        readToEnd(consumer, start, consumer.endOffsets(start.keySet(), API_TIMEOUT), handler);
    }

    private static void readToEnd(
            KafkaConsumer<byte[], byte[]> consumer,
            Map<TopicPartition, Long> start,
            Map<TopicPartition, Long> end,
            Consumer<List<ConsumerRecord<byte[], byte[]>>> handler) {
        Set<TopicPartition> remaining = start.keySet().stream()
                .filter(partition -> start.get(partition) < end.get(partition))
                .collect(Collectors.toCollection(HashSet::new));
        consumer.assign(remaining);
        remaining.forEach(partition -> consumer.seek(partition, start.get(partition)));
        Instant stalledSince = Instant.now();
        while (!remaining.isEmpty()) {
            List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                }
            }
            if (!batch.isEmpty()) {
                handler.accept(batch);
            }
            boolean progress = !batch.isEmpty();
            for (TopicPartition partition : List.copyOf(remaining)) {
                if (consumer.position(partition, API_TIMEOUT) >= end.get(partition)) {
                    remaining.remove(partition);
                    progress = true;
                }
            }
            if (progress) {
                stalledSince = Instant.now();
            } else if (Duration.between(stalledSince, Instant.now()).compareTo(STALL_TIMEOUT) > 0) {
                throw new org.apache.kafka.common.errors.TimeoutException(
                        "no records from " + remaining + " for " + STALL_TIMEOUT.toSeconds() + " s");
            }
        }
        consumer.assign(List.of());
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, List<String> topics, boolean required, KafkaConnection kafka) {
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, API_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                if (required) {
                    throw CliFailure.refused("topic " + topic + " does not exist on " + kafka.bootstrap());
                }
                continue; // a service creates its dead-letter topics at start; not every one may have started yet
            }
            partitions.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        }
        return all;
    }

    private static TopicPartition partition(Integer given, List<TopicPartition> partitions, String topic) {
        if (given == null) {
            if (partitions.size() > 1) {
                throw CliFailure.usage(topic + " has " + partitions.size()
                        + " partitions: say which with --partition P (dlt list shows topic-P@N)");
            }
            return partitions.getFirst();
        }
        TopicPartition partition = new TopicPartition(topic, given);
        if (!partitions.contains(partition)) {
            throw CliFailure.refused(topic + " has no partition " + given);
        }
        return partition;
    }

    /** The dead-letter topic of T, given as a topic, a short name or the dead-letter topic itself. */
    private static String deadLetterTopic(String name) {
        String topic = WatchCommand.topic(name);
        return Topics.isDeadLetter(topic) ? topic : Topics.deadLetter(topic);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection kafka, String group) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG,
                "inkan-dlt-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) API_TIMEOUT.toMillis()));
        if (group != null) {
            // only to keep the replayed offsets; the consumer is assigned its partitions and never joins
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(kafka.with(settings), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static KafkaProducer<byte[], byte[]> producer(KafkaConnection kafka) {
        return new KafkaProducer<>(
                kafka.with(Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "inkan-dlt-replay-" + UUID.randomUUID(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        (int) API_TIMEOUT.toMillis())),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static int withKafka(KafkaConnection kafka, IntSupplier command) {
        try {
            return command.getAsInt();
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw CliFailure.unreachable(
                    "Kafka is not reachable at " + kafka.bootstrap() + " (" + e.getMessage() + ")", e);
        } catch (KafkaException e) {
            throw CliFailure.unreachable("Kafka at " + kafka.bootstrap() + " failed: " + e.getMessage(), e);
        }
    }
}

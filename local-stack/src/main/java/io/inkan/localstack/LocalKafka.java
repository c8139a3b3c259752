package io.inkan.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker, run in this JVM from Kafka's own server jars: one KRaft node that is both broker and
 * controller ({@code process.roles=broker,controller}), with a static single-voter quorum, plaintext listeners on
 * loopback, and everything a one-node cluster needs (replication factor 1 for the internal topics, no initial
 * rebalance delay, automatic topic creation).
 *
 * <p>The log directory is formatted once, the first time it is used; the cluster id lives in its
 * {@code meta.properties}, so data and consumer offsets survive restarts. Used by the local stack, and by the system
 * tests with free ports and a temporary directory:
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.builder().port(0).controllerPort(0).dataDir(tempDir).start()) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 */
public final class LocalKafka implements AutoCloseable {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String BROKER_LISTENER = "PLAINTEXT";

    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logDir;
    private final String clusterId;
    private final boolean formatted;
    private boolean closed;

    private LocalKafka(
            KafkaRaftServer server,
            String host,
            int port,
            int controllerPort,
            Path logDir,
            String clusterId,
            boolean formatted) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logDir = logDir;
        this.clusterId = clusterId;
        this.formatted = formatted;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} for {@code bootstrap.servers} / {@code spring.kafka.bootstrap-servers}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The broker's log directory (also its KRaft metadata directory). */
    public Path logDir() {
        return logDir;
    }

    public String clusterId() {
        return clusterId;
    }

    /** Whether this start formatted the log directory (true only the first time a directory is used). */
    public boolean formattedOnStart() {
        return formatted;
    }

    /** Stops the broker and waits until it is down. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping the Kafka broker on {}", bootstrapServers());
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("The Kafka broker did not shut down cleanly", e);
        }
    }

    /** Settings of a {@link LocalKafka}; {@link #start()} formats the directory if needed and starts the broker. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private int controllerPort = DEFAULT_CONTROLLER_PORT;
        private Path dataDir = Path.of("data", "kafka");
        private Duration startupTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {}

        /** The loopback address to listen on, {@code 127.0.0.1} by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The client (PLAINTEXT) port, 9092 by default; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The KRaft controller port, 9093 by default; 0 picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** The broker's log directory, {@code ./data/kafka} by default. Created and formatted on first use. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** How long {@link #start()} waits for the broker to answer metadata requests. */
        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = Objects.requireNonNull(startupTimeout, "startupTimeout");
            return this;
        }

        /** Any other broker setting ({@code server.properties} name), applied last. */
        public Builder property(String name, Object value) {
            overrides.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
            return this;
        }

        public LocalKafka start() {
            long started = System.nanoTime();
            int brokerPort = port == 0 ? freePort(host) : port;
            int quorumPort = controllerPort == 0 ? freePort(host, brokerPort) : controllerPort;
            if (brokerPort == quorumPort) {
                throw new IllegalArgumentException("The Kafka port and controller port must differ: " + brokerPort);
            }
            Path dir = dataDir.toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the Kafka data directory " + dir, e);
            }
            KafkaConfig config = new KafkaConfig(brokerConfig(dir, brokerPort, quorumPort), false);

            String existingClusterId = readClusterId(dir);
            boolean format = existingClusterId == null;
            String clusterId = format ? format(config, dir) : existingClusterId;

            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            LocalKafka kafka = new LocalKafka(server, host, brokerPort, quorumPort, dir, clusterId, format);
            try {
                server.startup();
                awaitMetadata(kafka.bootstrapServers(), startupTimeout);
            } catch (RuntimeException | Error e) {
                kafka.close();
                throw new IllegalStateException(
                        "The Kafka broker on " + kafka.bootstrapServers() + " (data " + dir + ") did not start", e);
            }
            log.info(
                    "Kafka broker ready on {} (controller {}:{}, cluster {}, data {}) in {} ms",
                    kafka.bootstrapServers(),
                    host,
                    quorumPort,
                    clusterId,
                    dir,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return kafka;
        }

        private Map<String, String> brokerConfig(Path dir, int brokerPort, int quorumPort) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("process.roles", "broker,controller");
            props.put("node.id", String.valueOf(NODE_ID));
            // a static one-voter quorum: the controller endpoint lives in the configuration, not in the
            // metadata log, so the controller port may change between restarts of the same directory
            props.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + quorumPort);
            props.put(
                    "listeners",
                    BROKER_LISTENER + "://" + host + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://" + host + ":"
                            + quorumPort);
            props.put("advertised.listeners", BROKER_LISTENER + "://" + host + ":" + brokerPort);
            props.put("controller.listener.names", CONTROLLER_LISTENER);
            props.put("inter.broker.listener.name", BROKER_LISTENER);
            props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            props.put("log.dirs", dir.toString());
            // one node: every internal topic has a single replica
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "5");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "5");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("share.coordinator.state.topic.num.partitions", "1");
            props.put("default.replication.factor", "1");
            props.put("min.insync.replicas", "1");
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "true");
            props.put("group.initial.rebalance.delay.ms", "0");
            // small footprint for a laptop / CI runner: fewer threads, a small compaction buffer
            props.put("num.network.threads", "2");
            props.put("num.io.threads", "4");
            props.put("background.threads", "4");
            props.put("num.recovery.threads.per.data.dir", "1");
            props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
            props.putAll(overrides);
            return props;
        }
    }

    /** The cluster id recorded in {@code meta.properties}, or null when the directory is not formatted yet. */
    private static String readClusterId(Path dir) {
        Path meta = dir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(meta)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + meta, e);
        }
        String clusterId = properties.getProperty("cluster.id");
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalStateException(meta + " has no cluster.id; delete " + dir + " to start afresh");
        }
        return clusterId;
    }

    /** What {@code kafka-storage.sh format -t <new id> -c server.properties} does, for a static quorum. */
    private static String format(KafkaConfig config, Path dir) {
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setHasDynamicQuorum(false)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log directory " + dir, e);
        }
        log.info("Formatted the Kafka log directory {} for a new cluster {}", dir, clusterId);
        log.debug(
                "Formatter output: {}", output.toString(StandardCharsets.UTF_8).strip());
        return clusterId;
    }

    /** Waits until the broker answers a metadata request and lists itself. */
    private static void awaitMetadata(String bootstrapServers, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "inkan-local-kafka-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000);
        try (Admin admin = Admin.create(config)) {
            Exception last = null;
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
                }
                sleep(200);
            }
            throw new IllegalStateException(
                    "The Kafka broker on " + bootstrapServers + " did not answer within " + timeout, last);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /** A currently free TCP port on {@code host}, other than {@code avoid}. */
    static int freePort(String host, int... avoid) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
                socket.setReuseAddress(true);
                int candidate = socket.getLocalPort();
                boolean clash = false;
                for (int a : avoid) {
                    clash |= a == candidate;
                }
                if (!clash) {
                    return candidate;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot find a free port on " + host, e);
            }
        }
        throw new IllegalStateException("Cannot find a free port on " + host);
    }
}

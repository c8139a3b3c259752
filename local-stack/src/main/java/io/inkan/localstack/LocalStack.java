package io.inkan.localstack;

import io.inkan.admin.AdminServiceApplication;
import io.inkan.auth.AuthServiceApplication;
import io.inkan.issuance.IssuanceServiceApplication;
import io.inkan.notification.NotificationServiceApplication;
import io.inkan.web.WebApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The embedded default: a Kafka broker in-process ({@link LocalKafka}), an SMTP server ({@link LocalSmtp}), the
 * four services and the reference web front end (port 8080), all in one JVM.
 *
 * <p>Every {@code --name=value} argument reaches every service (each runs as
 * {@code new SpringApplicationBuilder(X.class).run(args)}), followed by what the launcher computed:
 * {@code spring.kafka.bootstrap-servers}, {@code spring.mail.host}/{@code port}, and the local stack's own values of
 * what has no default outside it (each only when not given): the bootstrap operator {@code operator}/{@code
 * operator-pass}, the CA keystore password, the key-encryption key {@code inkan.keys.encryption-key} (made once
 * under {@code ${inkan.data-dir}/encryption-key}, readable by its owner only), and {@code inkan.issuance.url} (this host
 * and issuance's port). For the web front end's certificate logon it makes the front end's server and client keys
 * under {@code ${inkan.data-dir}/web/} ({@link LocalFrontEndKeys}), lists the client certificate in {@code
 * inkan.auth.trusted-frontends}, and tells the front end where auth-service's TLS port and issuance's CA chain are. The launcher's own settings (environment variables and {@code -D} system properties work too):
 *
 * <table>
 *   <caption>launcher settings</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code inkan.local.kafka-port}</td><td>9092</td><td>broker port (0: a free one)</td></tr>
 *   <tr><td>{@code inkan.local.kafka-controller-port}</td><td>9093</td><td>KRaft controller port (0: a free one)</td></tr>
 *   <tr><td>{@code inkan.local.kafka-dir}</td><td>{@code ${inkan.data-dir}/kafka}</td><td>broker log directory</td></tr>
 *   <tr><td>{@code inkan.local.smtp-port}</td><td>{@code spring.mail.port}, else 3025</td><td>SMTP port (0: a free
 *       one)</td></tr>
 *   <tr><td>{@code inkan.local.host}</td><td>127.0.0.1</td><td>address the broker and SMTP listen on</td></tr>
 *   <tr><td>{@code inkan.local.services}</td><td>all four and {@code web}</td><td>which services to start, e.g.
 *       {@code auth,issuance}; {@code none} starts only the broker and SMTP</td></tr>
 *   <tr><td>{@code inkan.local.parallel-start}</td><td>false</td><td>start the services in parallel threads</td></tr>
 *   <tr><td>{@code spring.kafka.bootstrap-servers}</td><td>unset</td><td>if set, no broker is started</td></tr>
 *   <tr><td>{@code spring.mail.host}</td><td>unset</td><td>if set, no SMTP server is started</td></tr>
 * </table>
 *
 * <p>{@link #start(String...)} is the programmatic entry point (the system tests use it with free ports and a
 * temporary {@code inkan.data-dir}); {@link #main(String[])} adds logging set-up, a Ctrl-C hook and the summary table.
 */
public final class LocalStack implements AutoCloseable {

    public static final String KAFKA_PORT = "inkan.local.kafka-port";
    public static final String KAFKA_CONTROLLER_PORT = "inkan.local.kafka-controller-port";
    public static final String KAFKA_DIR = "inkan.local.kafka-dir";
    public static final String SMTP_PORT = "inkan.local.smtp-port";
    public static final String HOST = "inkan.local.host";
    public static final String SERVICES = "inkan.local.services";
    public static final String PARALLEL_START = "inkan.local.parallel-start";

    static final String BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";
    static final String MAIL_HOST = "spring.mail.host";
    static final String MAIL_PORT = "spring.mail.port";
    static final String OPERATOR_ID = "inkan.operator.id";
    static final String OPERATOR_PASSWORD = "inkan.operator.password";
    static final String LOCAL_OPERATOR_ID = "operator";
    static final String LOCAL_OPERATOR_PASSWORD = "operator-pass";
    static final String ENCRYPTION_KEY = "inkan.keys.encryption-key";
    static final String ENCRYPTION_KEY_FILE = "encryption-key";
    static final String CA_KEYSTORE_PASSWORD = "inkan.ca.keystore-password";
    static final String ISSUANCE_URL = "inkan.issuance.url";
    static final String WEB_AUTH_URL = "inkan.web.auth-url";
    static final String WEB_ADMIN_URL = "inkan.web.admin-url";
    static final String WEB_TLS_KEYSTORE = "inkan.web.tls.keystore";
    static final String WEB_CLIENT_KEYSTORE = "inkan.web.client-keystore";
    static final String WEB_CLIENT_CA = "inkan.web.client-ca";
    static final String WEB_AUTH_TLS_URL = "inkan.web.auth-tls-url";
    static final String WEB_AUTH_TLS_TRUST = "inkan.web.auth-tls-trust";
    static final String TRUSTED_FRONTENDS = "inkan.auth.trusted-frontends";
    // The keystore passwords the services defaulted to before they had none, so that the keystores a developer's
    // ./data/ already holds keep opening. Good for the embedded stack only, whose keys are throwaway.
    static final String LOCAL_CA_KEYSTORE_PASSWORD = "inkan-local-only";

    /**
     * Lowest-precedence properties of every service (each service's own {@code <service>.properties}, the command line
     * and the environment all override them): a quiet broker log and no per-application logging shutdown hook, since
     * four applications share one logging system and the launcher orders the shutdown itself.
     */
    static final Map<String, Object> SERVICE_DEFAULTS = Map.of(
            "logging.level.kafka", "WARN",
            "logging.level.org.apache.kafka", "WARN",
            "logging.level.state.change.logger", "WARN",
            "logging.register-shutdown-hook", "false",
            "spring.main.banner-mode", "off");

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** The four services, in their default start order. */
    public enum Service {
        ISSUANCE("issuance-service", IssuanceServiceApplication.class),
        AUTH("auth-service", AuthServiceApplication.class),
        ADMIN("admin-service", AdminServiceApplication.class),
        NOTIFICATION("notification-service", NotificationServiceApplication.class),
        /** The reference web front end (not a service: no state, no topics); started last, it calls auth and admin. */
        WEB("web", WebApplication.class);

        private final String serviceName;
        private final Class<?> applicationClass;

        Service(String serviceName, Class<?> applicationClass) {
            this.serviceName = serviceName;
            this.applicationClass = applicationClass;
        }

        public String serviceName() {
            return serviceName;
        }

        public Class<?> applicationClass() {
            return applicationClass;
        }

        /** Accepts {@code auth}, {@code auth-service} or {@code AUTH}. */
        public static Service of(String name) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            for (Service s : values()) {
                if (s.serviceName.equals(n) || s.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown service '" + name + "'; expected one of "
                    + Arrays.stream(values()).map(Service::serviceName).toList());
        }
    }

    private final List<String> args;
    private final ConfigurableEnvironment environment;
    private final Map<Service, ConfigurableApplicationContext> contexts =
            Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final List<Service> startOrder = Collections.synchronizedList(new ArrayList<>());
    private volatile LocalKafka kafka;
    private volatile LocalSmtp smtp;
    private volatile List<String> serviceArgs = List.of();
    private volatile String issuanceUrl;
    private volatile LocalFrontEndKeys frontEndKeys;
    private volatile boolean closed;

    private LocalStack(String... args) {
        this.args = List.of(args);
        this.environment = environment(args);
    }

    /** Starts the broker, the SMTP server and the services; on failure stops whatever had started and throws. */
    public static LocalStack start(String... args) {
        LocalStack stack = new LocalStack(args);
        try {
            stack.startAll();
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        ConfigurableEnvironment environment = environment(args);
        initializeLogging(environment);
        LocalStack stack = new LocalStack(args);
        // One hook for the whole stack; the services are started without Spring Boot's own hook, so that
        // they are closed before the broker they talk to. Ctrl-C and SIGTERM additionally close the stack
        // *before* the JVM starts its shutdown hooks, because other libraries' hooks run concurrently with
        // ours (H2 closes every file database it opened unless the URL says DB_CLOSE_ON_EXIT=FALSE).
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "inkan-local-stack-shutdown"));
        closeOnSignals(stack, "INT", "TERM");
        try {
            stack.startAll();
        } catch (RuntimeException | Error e) {
            log.error("The local stack did not start: {}", rootMessage(e));
            stack.close();
            System.exit(1);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println(stack.summary(millis));
    }

    private void startAll() {
        startInfrastructure();
        List<String> computed = new ArrayList<>(args);
        if (kafka != null) {
            computed.add("--" + BOOTSTRAP_SERVERS + "=" + kafka.bootstrapServers());
        }
        if (smtp != null) {
            computed.add("--" + MAIL_HOST + "=" + smtp.host());
            if (!environment.containsProperty(MAIL_PORT)) { // else GreenMail listens on the port given
                computed.add("--" + MAIL_PORT + "=" + smtp.port());
            }
        }
        if (!environment.containsProperty(OPERATOR_ID)) {
            computed.add("--" + OPERATOR_ID + "=" + LOCAL_OPERATOR_ID);
        }
        if (!environment.containsProperty(OPERATOR_PASSWORD)) {
            computed.add("--" + OPERATOR_PASSWORD + "=" + LOCAL_OPERATOR_PASSWORD);
        }
        if (!environment.containsProperty(ENCRYPTION_KEY)) {
            computed.add("--" + ENCRYPTION_KEY + "=" + localEncryptionKey());
        }
        if (!environment.containsProperty(CA_KEYSTORE_PASSWORD)) {
            computed.add("--" + CA_KEYSTORE_PASSWORD + "=" + LOCAL_CA_KEYSTORE_PASSWORD);
        }
        issuanceUrl = environment.getProperty(ISSUANCE_URL);
        if (issuanceUrl == null) {
            issuanceUrl = localIssuanceUrl();
            computed.add("--" + ISSUANCE_URL + "=" + issuanceUrl);
        }
        List<Service> services = selectedServices();
        if (services.contains(Service.WEB)
                && !environment.containsProperty(WEB_TLS_KEYSTORE)
                && !environment.containsProperty(WEB_CLIENT_KEYSTORE)) {
            // the web front end's HTTPS port and its client certificate, which auth-service trusts to vouch for a
            // customer's certificate (a second --inkan.auth.trusted-frontends adds to any given: Spring joins them)
            frontEndKeys = LocalFrontEndKeys.loadOrCreate(
                    Path.of(environment.getProperty("inkan.data-dir", "./data"), Service.WEB.serviceName()));
            computed.add("--" + TRUSTED_FRONTENDS + "=" + frontEndKeys.clientFingerprint());
        }
        serviceArgs = List.copyOf(computed);
        if (services.size() > 1 && environment.getProperty(PARALLEL_START, Boolean.class, false)) {
            startInParallel(services.stream().filter(s -> s != Service.WEB).toList());
            if (services.contains(Service.WEB)) {
                startService(Service.WEB); // it needs auth's and admin's addresses, known once they run
            }
        } else {
            for (Service service : services) {
                startService(service);
            }
        }
    }

    private void startInfrastructure() {
        String host = environment.getProperty(HOST, LocalKafka.DEFAULT_HOST);
        if (environment.containsProperty(BOOTSTRAP_SERVERS)) {
            log.info("{} is set: using that Kafka, not starting one", BOOTSTRAP_SERVERS);
        } else {
            kafka = LocalKafka.builder()
                    .host(host)
                    .port(environment.getProperty(KAFKA_PORT, Integer.class, LocalKafka.DEFAULT_PORT))
                    .controllerPort(environment.getProperty(
                            KAFKA_CONTROLLER_PORT, Integer.class, LocalKafka.DEFAULT_CONTROLLER_PORT))
                    .dataDir(kafkaDir())
                    .start();
        }
        checkNotClosed();
        if (environment.containsProperty(MAIL_HOST)) {
            log.info("{} is set: using that mail server, not starting one", MAIL_HOST);
        } else {
            int port = environment.getProperty(
                    SMTP_PORT,
                    Integer.class,
                    environment.getProperty(MAIL_PORT, Integer.class, LocalSmtp.DEFAULT_PORT));
            smtp = LocalSmtp.start(host, port);
        }
        checkNotClosed();
    }

    /**
     * Where relying parties on this machine reach issuance-service: the stack's host and the port issuance listens on
     * (the {@code server.port} given to every service, else its own default).
     */
    private String localIssuanceUrl() {
        String host = environment.getProperty(HOST, LocalKafka.DEFAULT_HOST);
        int port = environment.getProperty("server.port", Integer.class, ownDefaultPort(Service.ISSUANCE));
        if (port == 0) {
            port = ownDefaultPort(Service.ISSUANCE);
            log.warn(
                    "server.port=0: issuance-service's port is known only once it runs, so certificates name"
                            + " http://{}:{}; give {} to name another",
                    host,
                    port,
                    ISSUANCE_URL);
        }
        return "http://" + host + ":" + port;
    }

    /** The {@code server.port} in the service's own {@code <service>.properties}. */
    private static int ownDefaultPort(Service service) {
        try {
            Properties own =
                    PropertiesLoaderUtils.loadProperties(new ClassPathResource(service.serviceName() + ".properties"));
            return Integer.parseInt(own.getProperty("server.port").strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "Cannot read server.port from " + service.serviceName() + ".properties on the classpath", e);
        }
    }

    /**
     * The local stack's key-encryption key: 32 random bytes, base64, made on first start under the data directory and
     * read back on every start after, so the keys the services keep in their databases keep opening. Readable by its
     * owner only; the data directory is the developer's, and its keys are throwaway.
     */
    private String localEncryptionKey() {
        Path file = Path.of(environment.getProperty("inkan.data-dir", "./data"), ENCRYPTION_KEY_FILE);
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ENCRYPTION_KEY_FILE, ".tmp");
                try {
                    try {
                        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // the data directory's own protection has to do
                    }
                    Files.writeString(temporary, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                    try {
                        Files.move(temporary, file);
                        log.info("Made the local stack's key-encryption key in {}", file.toAbsolutePath());
                    } catch (FileAlreadyExistsException anotherStackWasFirst) {
                        // keep the one already there
                    }
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot make or read the local stack's key-encryption key " + file.toAbsolutePath() + " (or give "
                            + ENCRYPTION_KEY + ")",
                    e);
        }
    }

    private Path kafkaDir() {
        String dir = environment.getProperty(KAFKA_DIR);
        if (dir != null) {
            return Path.of(dir);
        }
        return Path.of(environment.getProperty("inkan.data-dir", "./data"), "kafka");
    }

    private List<Service> selectedServices() {
        String selected = environment.getProperty(SERVICES);
        if (selected == null || selected.isBlank()) {
            return List.of(Service.values());
        }
        if (selected.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        return Arrays.stream(selected.split(","))
                .filter(s -> !s.isBlank())
                .map(Service::of)
                .distinct()
                .toList();
    }

    private void startService(Service service) {
        checkNotClosed();
        long started = System.nanoTime();
        log.info("Starting {}", service.serviceName());
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(service.applicationClass())
                    .main(service.applicationClass())
                    .registerShutdownHook(false)
                    .properties(SERVICE_DEFAULTS)
                    .run(argsFor(service).toArray(String[]::new));
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException(service.serviceName() + " did not start", e);
        }
        synchronized (this) {
            if (closed) {
                context.close();
                throw new IllegalStateException(
                        "The local stack was stopped while " + service.serviceName() + " was starting");
            }
            contexts.put(service, context);
            startOrder.add(service);
        }
        log.info(
                "{} started in {} ms",
                service.serviceName(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * The arguments of every service; the web front end also learns where auth-service and admin-service listen (when
     * they run here and it was not told otherwise), since with {@code server.port=0} that is known only now.
     */
    private List<String> argsFor(Service service) {
        if (service != Service.WEB) {
            return serviceArgs;
        }
        List<String> args = new ArrayList<>(serviceArgs);
        if (!environment.containsProperty(WEB_AUTH_URL) && contexts.containsKey(Service.AUTH)) {
            args.add("--" + WEB_AUTH_URL + "=" + baseUri(Service.AUTH));
        }
        if (!environment.containsProperty(WEB_ADMIN_URL) && contexts.containsKey(Service.ADMIN)) {
            args.add("--" + WEB_ADMIN_URL + "=" + baseUri(Service.ADMIN));
        }
        if (frontEndKeys != null) {
            args.add("--" + WEB_TLS_KEYSTORE + "="
                    + frontEndKeys.serverKeystore().toAbsolutePath());
            args.add("--" + WEB_TLS_KEYSTORE + "-password=" + LocalFrontEndKeys.LOCAL_PASSWORD);
            args.add("--" + WEB_CLIENT_KEYSTORE + "="
                    + frontEndKeys.clientKeystore().toAbsolutePath());
            args.add("--" + WEB_CLIENT_KEYSTORE + "-password=" + LocalFrontEndKeys.LOCAL_PASSWORD);
        }
        if (!environment.containsProperty(WEB_CLIENT_CA) && contexts.containsKey(Service.ISSUANCE)) {
            args.add("--" + WEB_CLIENT_CA + "=" + baseUri(Service.ISSUANCE) + "/ca/chain.pem");
        }
        if (contexts.containsKey(Service.AUTH)) {
            var auth = context(Service.AUTH).getEnvironment();
            if (!environment.containsProperty(WEB_AUTH_TLS_URL)) {
                args.add("--" + WEB_AUTH_TLS_URL + "=https://" + auth.getProperty("server.address", "127.0.0.1") + ":"
                        + auth.getProperty("local.inkan.auth.tls-port"));
            }
            if (!environment.containsProperty(WEB_AUTH_TLS_TRUST)
                    && !auth.containsProperty("inkan.auth.tls.keystore")) {
                args.add("--" + WEB_AUTH_TLS_TRUST + "=file:"
                        + authTlsCertificate(auth).toAbsolutePath());
            }
        }
        return args;
    }

    private void startInParallel(List<Service> services) {
        ExecutorService executor = Executors.newFixedThreadPool(services.size(), runnable -> {
            Thread thread = new Thread(runnable, "inkan-local-stack-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Service, Future<?>> futures = new LinkedHashMap<>();
            for (Service service : services) {
                futures.put(service, executor.submit(() -> {
                    Thread.currentThread().setName("start-" + service.serviceName());
                    startService(service);
                }));
            }
            RuntimeException failure = null;
            for (Map.Entry<Service, Future<?>> entry : futures.entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    RuntimeException wrapped = cause instanceof RuntimeException r
                            ? r
                            : new IllegalStateException(entry.getKey().serviceName() + " did not start", cause);
                    if (failure == null) {
                        failure = wrapped;
                    } else {
                        failure.addSuppressed(wrapped);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while starting the services", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            executor.shutdown();
        }
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("The local stack was stopped while starting");
        }
    }

    /**
     * Stops the services (in reverse start order), then the broker, then the SMTP server. Safe to call more than
     * once, and from a shutdown hook while {@link #start} is still running.
     */
    @Override
    public void close() {
        List<Service> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(startOrder);
        }
        Collections.reverse(toClose);
        for (Service service : toClose) {
            ConfigurableApplicationContext context = contexts.get(service);
            try {
                log.info("Stopping {}", service.serviceName());
                context.close();
            } catch (RuntimeException e) {
                log.warn("{} did not stop cleanly", service.serviceName(), e);
            }
        }
        LocalKafka k = kafka;
        if (k != null) {
            k.close();
        }
        LocalSmtp s = smtp;
        if (s != null) {
            s.close();
        }
        log.info("The local stack has stopped");
    }

    /** The in-process broker, empty when {@code spring.kafka.bootstrap-servers} pointed elsewhere. */
    public Optional<LocalKafka> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** The in-process SMTP server, empty when {@code spring.mail.host} pointed elsewhere. */
    public Optional<LocalSmtp> smtp() {
        return Optional.ofNullable(smtp);
    }

    /** The Kafka the services use. */
    public String bootstrapServers() {
        return kafka != null ? kafka.bootstrapServers() : environment.getProperty(BOOTSTRAP_SERVERS);
    }

    /** The arguments every service was started with: the given ones followed by the computed ones. */
    public List<String> serviceArgs() {
        return serviceArgs;
    }

    /** The running services, in start order. */
    public List<Service> services() {
        return List.copyOf(startOrder);
    }

    public ConfigurableApplicationContext context(Service service) {
        ConfigurableApplicationContext context = contexts.get(service);
        if (context == null) {
            throw new IllegalArgumentException(service.serviceName() + " is not running");
        }
        return context;
    }

    /** The HTTP port the service actually listens on (useful with {@code --server.port=0}). */
    public int port(Service service) {
        var env = context(service).getEnvironment();
        Integer port = env.getProperty("local.server.port", Integer.class);
        return port != null ? port : env.getProperty("server.port", Integer.class, 8080);
    }

    /** {@code http://localhost:<port>}, or the service's {@code server.address} in place of localhost. */
    public URI baseUri(Service service) {
        String address = context(service).getEnvironment().getProperty("server.address", "localhost");
        return URI.create("http://" + address + ":" + port(service));
    }

    /** The service's health endpoint. */
    public URI healthUri(Service service) {
        var env = context(service).getEnvironment();
        Integer managementPort = env.getProperty("local.management.port", Integer.class);
        String basePath = env.getProperty("management.endpoints.web.base-path", "/actuator");
        URI base = baseUri(service);
        int port = managementPort != null && managementPort > 0 ? managementPort : base.getPort();
        return URI.create("http://" + base.getHost() + ":" + port + basePath + "/health");
    }

    /** The table printed once everything is up. */
    String summary(long startupMillis) {
        StringBuilder out = new StringBuilder();
        String rule = "-".repeat(100);
        out.append('\n').append(rule).append('\n');
        out.append(String.format(" Inkan local stack is up (%.1f s)%n", startupMillis / 1000.0));
        out.append(rule).append('\n');
        out.append(String.format(" %-22s %-26s %-40s %s%n", "service", "URL", "health", "status"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        if (services().isEmpty()) {
            out.append(" (no services started: ").append(SERVICES).append("=none)\n");
        }
        for (Service service : services()) {
            URI health = healthUri(service);
            out.append(String.format(
                    " %-22s %-26s %-40s %s%n",
                    service.serviceName(), baseUri(service), health, healthStatus(http, health)));
        }
        if (contexts.containsKey(Service.AUTH)) {
            out.append(authTlsLine());
        }
        if (contexts.containsKey(Service.WEB)) {
            out.append(webTlsLine());
        }
        out.append(rule).append('\n');
        if (kafka != null) {
            out.append(String.format(
                    " %-22s %s  (controller %s:%d, cluster %s, data %s)%n",
                    "Kafka broker",
                    kafka.bootstrapServers(),
                    kafka.host(),
                    kafka.controllerPort(),
                    kafka.clusterId(),
                    kafka.logDir()));
        } else {
            out.append(String.format(" %-22s %s  (external)%n", "Kafka", bootstrapServers()));
        }
        if (smtp != null) {
            out.append(String.format(
                    " %-22s %s:%d  (GreenMail, no authentication, mail kept in memory)%n",
                    "SMTP", smtp.host(), smtp.port()));
        } else {
            out.append(String.format(
                    " %-22s %s:%s  (external)%n",
                    "SMTP", environment.getProperty(MAIL_HOST), environment.getProperty(MAIL_PORT, "25")));
        }
        out.append(String.format(
                " %-22s %s / %s%n",
                "bank operator",
                environment.getProperty(OPERATOR_ID, LOCAL_OPERATOR_ID),
                environment.containsProperty(OPERATOR_PASSWORD) ? "(as given)" : LOCAL_OPERATOR_PASSWORD));
        if (issuanceUrl != null) {
            out.append(String.format(
                    " %-22s %s/crl, %s/ocsp  (written into certificates)%n", "CRL and OCSP", issuanceUrl, issuanceUrl));
        }
        out.append(rule).append('\n');
        out.append(" Press Ctrl-C to stop.\n");
        return out.toString();
    }

    /** The PEM of auth-service's self-signed TLS server certificate, which it writes under its data directory. */
    private static Path authTlsCertificate(org.springframework.core.env.Environment auth) {
        return Path.of(auth.getProperty("inkan.data-dir", "./data"), "auth-service", "tls-server.pem");
    }

    /** The web front end's HTTPS port (certificate logon and renewal), when it has one. */
    private String webTlsLine() {
        var env = context(Service.WEB).getEnvironment();
        String port = env.getProperty("local.inkan.web.tls-port");
        if (port == null) {
            return "";
        }
        String host = env.getProperty("server.address", "localhost");
        return String.format(
                " %-22s %-26s %s%n",
                "  web, HTTPS",
                "https://" + host + ":" + port,
                "電子証明書でログイン and 電子証明書更新 (the browser presents the certificate)");
    }

    /** auth-service's mutual-TLS port (certificate logon), and what its clients trust. */
    private String authTlsLine() {
        var env = context(Service.AUTH).getEnvironment();
        String host = env.getProperty("server.address", "localhost");
        String port = env.getProperty("local.inkan.auth.tls-port", "?");
        String trust = env.containsProperty("inkan.auth.tls.keystore")
                ? "server key from inkan.auth.tls.keystore"
                : "clients trust " + authTlsCertificate(env);
        return String.format(
                " %-22s %-26s %s%n", "  certificate logon", "https://" + host + ":" + port, "mutual TLS; " + trust);
    }

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private static String healthStatus(HttpClient http, URI health) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher matcher = STATUS.matcher(response.body());
            String status = matcher.find() ? matcher.group(1) : "?";
            return response.statusCode() == 200 ? status : status + " (HTTP " + response.statusCode() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        } catch (Exception e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Closes the stack, then exits with 128 + the signal number, on each of the given signals. Uses
     * {@code sun.misc.Signal} (module jdk.unsupported) reflectively, so the build has no internal-API warnings.
     */
    private static void closeOnSignals(LocalStack stack, String... signals) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method number = signalClass.getMethod("getNumber");
            Object handler = Proxy.newProxyInstance(
                    handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, (proxy, method, arguments) -> {
                        if (!method.getName().equals("handle")) {
                            return method.invoke(stack, arguments); // toString, hashCode, equals
                        }
                        stack.close();
                        System.exit(128 + (int) number.invoke(arguments[0]));
                        return null;
                    });
            for (String name : signals) {
                try {
                    handle.invoke(null, signalClass.getConstructor(String.class).newInstance(name), handler);
                } catch (InvocationTargetException e) {
                    // e.g. under -Xrs, or a signal this platform lacks: the shutdown hook still closes the stack
                    log.debug("Cannot handle SIG{}: {}", name, e.getCause().toString());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("No signal handling; the shutdown hook closes the stack: {}", e.toString());
        }
    }

    private static ConfigurableEnvironment environment(String[] args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment;
    }

    /**
     * Sets up Spring Boot's logging before the broker starts, so that the broker logs in the same format as the services
     * (and not at Logback's unconfigured DEBUG). The services find it initialised and only apply their levels.
     */
    private static void initializeLogging(ConfigurableEnvironment environment) {
        LoggingSystem system = LoggingSystem.get(LocalStack.class.getClassLoader());
        system.beforeInitialize();
        system.initialize(
                new LoggingInitializationContext(environment),
                environment.getProperty("logging.config"),
                LogFile.get(environment));
        SERVICE_DEFAULTS.forEach((name, value) -> {
            if (name.startsWith("logging.level.")) {
                system.setLogLevel(name.substring("logging.level.".length()), LogLevel.valueOf(value.toString()));
            }
        });
        Binder.get(environment)
                .bind("logging.level", Bindable.mapOf(String.class, LogLevel.class))
                .ifBound(levels -> levels.forEach((name, level) -> system.setLogLevel(
                        LoggingSystem.ROOT_LOGGER_NAME.equalsIgnoreCase(name) ? null : name, level)));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e) : e.getMessage() + " <- " + root;
    }
}

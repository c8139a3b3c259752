package io.inkan.system.stack;

import io.inkan.testsupport.TestKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The four services as an operator runs them: each instance its own JVM started from the service's jar
 * ({@code java -jar <service>/target/<service>.jar --name=value ...}, docs/contract.md §3), against an
 * {@link EmbeddedInfrastructure}. The instances of one service share that service's PostgreSQL database and
 * nothing else: each has a data directory of its own, so whatever they share (keys, CA) comes from the database.
 *
 * <p>Instances are named {@code <service>-<n>} ({@code auth-service-1}); any of them can be killed with SIGKILL and
 * started again on the same port. Each one's output goes to {@code target/child-processes/<system>/<name>.log}. The
 * children are killed when the system is closed, and by a shutdown hook if the test JVM ends first.
 */
public final class ChildProcessSystem implements AutoCloseable {
    public static final List<String> SERVICES =
            List.of("auth-service", "issuance-service", "admin-service", "notification-service");

    /**
     * Eight JVMs must fit on a two-core runner: two compiler threads, the serial collector and a small heap. The
     * optimising compiler stays on: with the quick compiler alone ({@code -XX:TieredStopAtLevel=1}) BigInteger has
     * no intrinsics, and generating auth-service's RSA keys on a busy runner took minutes.
     */
    private static final List<String> JVM_OPTIONS = List.of(
            "-XX:CICompilerCount=2",
            "-XX:+UseSerialGC",
            "-Xmx320m",
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m",
            "-Djava.security.egd=file:/dev/urandom");

    public static final String CHECKOUT_PROPERTY = "inkan.system-tests.checkout";

    /**
     * Generous: on a runner shared with other builds (load 30 to 40 on two cores), eight instances took ten
     * minutes to become healthy, most of it auth-service making its RSA keys once for both instances.
     */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(15);

    private final EmbeddedInfrastructure infrastructure;
    private final Path logDir;
    private final Map<String, Infrastructure.Database> databases = new LinkedHashMap<>();
    private final Map<String, Child> children = new LinkedHashMap<>();
    private final Thread killer = new Thread(this::killAll, "child-process-killer");

    private ChildProcessSystem(String name, EmbeddedInfrastructure infrastructure) {
        this.infrastructure = infrastructure;
        this.logDir = moduleDir().resolve("target").resolve("child-processes").resolve(name);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * Starts {@code instances} instances of each service, all at once (so that the instances of one service race
     * for their shared keys, as in a rolling deployment), and waits until every one is healthy.
     *
     * @param name names the directory of the instances' logs, {@code target/child-processes/<name>/}
     * @param properties handed to every instance, as the local stack hands its arguments to every service
     */
    public static ChildProcessSystem start(
            String name, EmbeddedInfrastructure infrastructure, Map<String, String> properties, int instances) {
        ChildProcessSystem system = new ChildProcessSystem(name, infrastructure);
        try {
            Files.createDirectories(system.logDir);
            for (String service : SERVICES) {
                system.databases.put(service, infrastructure.databaseFor(service));
                for (int n = 1; n <= instances; n++) {
                    system.children.put(service + "-" + n, new Child(service, n, system.logDir));
                }
            }
            for (Child child : system.children.values()) {
                child.arguments = system.arguments(child, properties);
                child.launch();
            }
            for (String instance : system.children.keySet()) {
                system.awaitHealthy(instance);
            }
            return system;
        } catch (IOException e) {
            system.abandon();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            system.abandon();
            throw e;
        }
    }

    private void abandon() {
        printLogTails(System.err, 60);
        close();
    }

    private Map<String, String> arguments(Child child, Map<String, String> properties) throws IOException {
        Infrastructure.Database database = databases.get(child.service);
        Map<String, String> args = new LinkedHashMap<>(properties);
        args.put("server.port", String.valueOf(child.port));
        args.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        args.put("spring.datasource.url", database.url());
        args.put("spring.datasource.username", database.username());
        args.put("spring.datasource.password", database.password());
        // Eight services share the machine's PostgreSQL (max_connections 100 by default) with other tests.
        args.put("spring.datasource.hikari.maximum-pool-size", "4");
        args.put("spring.mail.host", infrastructure.smtpHost());
        args.put("spring.mail.port", String.valueOf(infrastructure.smtpPort()));
        args.put(
                "inkan.data-dir",
                Files.createTempDirectory("inkan-" + child.name()).toString());
        // Instance n reads tokens with auth-service-n's JWKS, so a token of one auth instance is checked against
        // the keys the other publishes.
        args.put("inkan.auth.url", url("auth-service", child.instance));
        // The public base URL in certificates names one address for the CA, as a load balancer would.
        args.put("inkan.issuance.url", url("issuance-service", 1));
        args.putIfAbsent("inkan.operator.id", Bank.OPERATOR_ID);
        args.putIfAbsent("inkan.operator.password", Bank.OPERATOR_PASSWORD);
        // One key-encryption key for every instance of a service, as a bank gives it.
        args.putIfAbsent(TestKeys.ENCRYPTION_KEY_PROPERTY, TestKeys.ENCRYPTION_KEY);
        args.putIfAbsent("inkan.ca.keystore-password", "e2e-ca-keystore");
        args.put("inkan.messaging.partitions", "2");
        args.put("inkan.auth.tls-port", String.valueOf(child.tlsPort));
        return args;
    }

    // ---- where the instances answer ----------------------------------------------------------------------

    /** The base URL of instance {@code n} (from 1) of {@code service}. */
    public String url(String service, int n) {
        return "http://127.0.0.1:" + child(service + "-" + n).port;
    }

    /** Instance {@code n} of every service, as a front end or an administrator reaches them. */
    public Endpoints endpoints(int n) {
        return new Endpoints() {
            @Override
            public String authUrl() {
                return url("auth-service", n);
            }

            @Override
            public String authTlsUrl() {
                return "https://127.0.0.1:" + child("auth-service-" + n).tlsPort;
            }

            @Override
            public X509Certificate authTlsCertificate() {
                return serverCertificate(child("auth-service-" + n).tlsPort);
            }

            @Override
            public String adminUrl() {
                return url("admin-service", n);
            }

            @Override
            public String issuanceUrl() {
                return url("issuance-service", n);
            }

            @Override
            public String notificationUrl() {
                return url("notification-service", n);
            }
        };
    }

    /** The database every instance of {@code service} shares. */
    public Infrastructure.Database database(String service) {
        return databases.get(service);
    }

    public EmbeddedInfrastructure infrastructure() {
        return infrastructure;
    }

    // ---- faults ------------------------------------------------------------------------------------------

    /** {@code kill -9}: the instance gets no chance to finish anything it was doing. */
    public void kill(String name) {
        Child child = child(name);
        child.process.destroyForcibly();
        try {
            if (!child.process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts the instance again, with the same port and arguments, and waits until it is healthy. */
    public void restart(String name) {
        Child child = child(name);
        if (child.process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        child.launch();
        awaitHealthy(name);
    }

    public boolean healthy(String name) {
        try {
            Http.Response health = Http.get(url(child(name).service, child(name).instance) + "/actuator/health", null);
            return health.status() == 200
                    && "UP".equals(health.json().path("status").asString());
        } catch (RuntimeException e) {
            return false; // not listening (yet)
        }
    }

    private void awaitHealthy(String name) {
        Child child = child(name);
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!healthy(name)) {
            if (!child.process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + child.process.exitValue() + " while starting:\n" + tail(child, 60));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        name + " was not healthy within " + START_TIMEOUT + ":\n" + tail(child, 60));
            }
            pause(Duration.ofMillis(500));
        }
    }

    // ---- logs ----------------------------------------------------------------------------------------------

    /** The last {@code lines} lines of each instance's output, for a failed test's report. */
    public void printLogTails(PrintStream out, int lines) {
        for (Child child : children.values()) {
            out.println("===== " + child.name() + " (" + child.log + "), last " + lines + " lines =====");
            out.println(tail(child, lines));
        }
    }

    private static String tail(Child child, int lines) {
        try {
            if (!Files.exists(child.log)) {
                return "(no output)";
            }
            List<String> all = Files.readAllLines(child.log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already; the hook runs (or ran) killAll itself
        }
    }

    private void killAll() {
        for (Child child : children.values()) {
            if (child.process != null) {
                child.process.descendants().forEach(ProcessHandle::destroyForcibly);
                child.process.destroyForcibly();
            }
        }
        for (Child child : children.values()) {
            if (child.process != null) {
                try {
                    child.process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Child child(String name) {
        Child child = children.get(name);
        if (child == null) {
            throw new IllegalArgumentException("no instance " + name + "; there are " + children.keySet());
        }
        return child;
    }

    // ---- one instance --------------------------------------------------------------------------------------

    private static final class Child {
        final String service;
        final int instance;
        final int port = EmbeddedInfrastructure.freePort();
        final int tlsPort = EmbeddedInfrastructure.freePort();
        final Path log;
        Map<String, String> arguments;
        volatile Process process;
        /** A restart appends to the log of this run; the first start replaces an earlier run's. */
        boolean launched;

        Child(String service, int instance, Path logDir) {
            this.service = service;
            this.instance = instance;
            this.log = logDir.resolve(name() + ".log");
        }

        String name() {
            return service + "-" + instance;
        }

        void launch() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_OPTIONS);
            command.add("-jar");
            command.add(jar(service).toString());
            arguments.forEach((name, value) -> command.add("--" + name + "=" + value));
            try {
                // Only the property names go to the log: the values include the key-encryption key.
                Files.writeString(
                        log,
                        "===== " + Instant.now() + " starting " + name() + " with " + arguments.keySet() + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        launched ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                launched = true;
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name(), e);
            }
        }
    }

    /**
     * {@code <checkout>/<service>/target/<service>.jar}, built by the reactor before the system tests run. The
     * checkout is this one, unless {@value #CHECKOUT_PROPERTY} names another (to try these tests on another
     * version's jars).
     */
    private static Path jar(String service) {
        Path checkout = Path.of(
                System.getProperty(CHECKOUT_PROPERTY, moduleDir().getParent().toString()));
        Path jar = checkout.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services before the system tests"
                    + " (./mvnw install -DskipTests from the repository's root)");
        }
        return jar;
    }

    /** system-tests' own directory: Maven's {@code basedir}, or the working directory it runs tests in. */
    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    /** The server certificate a TLS port presents, read from a handshake that needs no client certificate. */
    private static X509Certificate serverCertificate(int port) {
        AtomicReference<X509Certificate> presented = new AtomicReference<>();
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.set(chain[0]); // pinned by the caller afterwards, as MutualTls does
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {capture}, null);
            try (Socket plain = new Socket("127.0.0.1", port);
                    SSLSocket socket =
                            (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
                socket.startHandshake();
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            // the server may refuse a caller without a client certificate once it has shown its own
        }
        if (presented.get() == null) {
            throw new IllegalStateException("no certificate presented on port " + port);
        }
        return presented.get();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

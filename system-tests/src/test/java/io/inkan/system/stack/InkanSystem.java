package io.inkan.system.stack;

import io.inkan.admin.AdminServiceApplication;
import io.inkan.auth.AuthServiceApplication;
import io.inkan.auth.tls.TlsEndpoint;
import io.inkan.issuance.IssuanceServiceApplication;
import io.inkan.notification.NotificationServiceApplication;
import io.inkan.testsupport.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The four services, started in this JVM on free ports against an {@link Infrastructure}, each with its
 * own database and data directory, every given property handed to each (as the local stack does).
 * Tests reach them only through their HTTP APIs and the topics.
 */
public final class InkanSystem implements Endpoints, AutoCloseable {
    private final Infrastructure infrastructure;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Infrastructure.Database> databases = new LinkedHashMap<>();
    /** The started services, auth-service first; the others are added as they come up. */
    private final List<ConfigurableApplicationContext> services = new CopyOnWriteArrayList<>();

    private ConfigurableApplicationContext auth;

    private InkanSystem(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
        for (String service : List.of("auth-service", "issuance-service", "admin-service", "notification-service")) {
            ports.put(service, EmbeddedInfrastructure.freePort());
        }
    }

    /**
     * Starts auth first (the others use its keys), then issuance, admin and notification side by side, as the local
     * stack does with {@code inkan.local.parallel-start}: they need nothing of one another to start, only the broker,
     * their own databases and auth-service, and a start is mostly waiting on those.
     */
    public static InkanSystem start(Infrastructure infrastructure, Map<String, String> properties) {
        InkanSystem system = new InkanSystem(infrastructure);
        try {
            Path dataDir = Files.createTempDirectory("inkan-e2e");
            for (String service : system.ports.keySet()) { // one after another: PostgreSQL copies one template
                system.databases.put(service, infrastructure.databaseFor(service));
            }
            system.auth = system.startService(AuthServiceApplication.class, "auth-service", dataDir, properties);
            system.startSideBySide(
                    Map.of(
                            "issuance-service", IssuanceServiceApplication.class,
                            "admin-service", AdminServiceApplication.class,
                            "notification-service", NotificationServiceApplication.class),
                    dataDir,
                    properties);
            return system;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw new IllegalStateException("the system did not start", e);
        }
    }

    /** Starts each service in a thread of its own, and returns once all have started (or throws what failed). */
    private void startSideBySide(Map<String, Class<?>> applications, Path dataDir, Map<String, String> properties) {
        ExecutorService starters = Executors.newFixedThreadPool(applications.size());
        try {
            List<Future<?>> starts = new ArrayList<>();
            applications.forEach((name, application) -> starts.add(starters.submit(() -> {
                Thread.currentThread().setName("start-" + name);
                startService(application, name, dataDir, properties);
            })));
            RuntimeException failure = null;
            for (Future<?> start : starts) { // every start is waited for, so that close() stops what did start
                try {
                    start.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("a service did not start", e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the services started", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starters.shutdown();
        }
    }

    private ConfigurableApplicationContext startService(
            Class<?> application, String name, Path dataDir, Map<String, String> properties) {
        Infrastructure.Database database = databases.get(name);
        Map<String, String> args = new LinkedHashMap<>(properties);
        args.put("server.port", String.valueOf(ports.get(name)));
        args.put("spring.kafka.bootstrap-servers", infrastructure.bootstrapServers());
        args.put("spring.datasource.url", database.url());
        args.put("spring.datasource.username", database.username());
        args.put("spring.datasource.password", database.password());
        args.put("spring.mail.host", infrastructure.smtpHost());
        args.put("spring.mail.port", String.valueOf(infrastructure.smtpPort()));
        args.put("inkan.data-dir", dataDir.toString());
        args.put("inkan.auth.url", authUrl());
        args.put("inkan.issuance.url", issuanceUrl());
        // What has no default outside the local stack, given here as a bank would give it.
        args.putIfAbsent("inkan.operator.id", Bank.OPERATOR_ID);
        args.putIfAbsent("inkan.operator.password", Bank.OPERATOR_PASSWORD);
        args.putIfAbsent("inkan.operators[0].id", Bank.SECOND_OPERATOR_ID);
        args.putIfAbsent("inkan.operators[0].password", Bank.SECOND_OPERATOR_PASSWORD);
        // One key-encryption key for every instance of a service, as a bank gives it; each service keeps its own
        // database, so one test key serves them all.
        args.putIfAbsent(TestKeys.ENCRYPTION_KEY_PROPERTY, TestKeys.ENCRYPTION_KEY);
        // A dozen scenarios log on at once on two shared cores, where a 34 ms Argon2id check takes far longer: a logon
        // waits for its turn up to 20 s (2 s by default) before auth-service answers 503 BUSY, which the README's
        // quickstart, run as written, does not try again.
        args.putIfAbsent("inkan.auth.password-checks.max-wait", "PT20S");
        args.putIfAbsent("inkan.ca.keystore-password", "e2e-ca-keystore");
        args.put("inkan.messaging.partitions", "2");
        args.put("inkan.auth.tls-port", "0"); // auth-service's mutual-TLS port: a free one, read back when bound
        String[] commandLine = args.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext service = new SpringApplicationBuilder(application).run(commandLine);
        services.add(service);
        return service;
    }

    @Override
    public String authUrl() {
        return "http://127.0.0.1:" + ports.get("auth-service");
    }

    /** auth-service's mutual-TLS port (certificate logon), as bound. */
    @Override
    public String authTlsUrl() {
        return "https://127.0.0.1:" + auth().getEnvironment().getProperty(TlsEndpoint.LOCAL_PORT_PROPERTY);
    }

    /** The certificate auth-service's TLS port presents (self-signed here), which its clients pin. */
    @Override
    public X509Certificate authTlsCertificate() {
        return auth().getBean(TlsEndpoint.class).serverCertificate();
    }

    private ConfigurableApplicationContext auth() {
        return auth;
    }

    @Override
    public String adminUrl() {
        return "http://127.0.0.1:" + ports.get("admin-service");
    }

    @Override
    public String issuanceUrl() {
        return "http://127.0.0.1:" + ports.get("issuance-service");
    }

    @Override
    public String notificationUrl() {
        return "http://127.0.0.1:" + ports.get("notification-service");
    }

    public String bootstrapServers() {
        return infrastructure.bootstrapServers();
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
    }
}

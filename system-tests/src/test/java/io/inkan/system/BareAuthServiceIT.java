package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.localstack.LocalKafka;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attack: a bank runs the real {@code auth-service.jar} on PostgreSQL and forgets the rest of the configuration,
 * and someone tries the operator and password the README prints for the local stack. Outside the local stack nothing
 * has a default that opens a door: without the key-encryption key that wraps the keys it keeps in its database (the
 * sealing key, the token signing keys) the service does not start at all, and with it but without an operator there is
 * no operator to log on as.
 *
 * <p>Each run is the repackaged jar in a JVM of its own, in an empty working directory, given only a datasource, a
 * free port and the Kafka bootstrap of an in-process broker, exactly as {@code java -jar} would be.
 */
class BareAuthServiceIT {
    private static final Path JAR = Path.of("..", "auth-service", "target", "auth-service.jar")
            .toAbsolutePath()
            .normalize();
    private static final Duration START = Duration.ofSeconds(180);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static LocalKafka kafka;

    @BeforeAll
    static void broker() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            String message = JAR + " is not built; run ./mvnw -pl auth-service package first";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        kafka = LocalKafka.builder()
                .port(freePort())
                .controllerPort(freePort())
                .dataDir(Files.createTempDirectory("bare-auth-kafka"))
                .start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void withoutConfigurationItRefusesToStartAndNamesTheEncryptionKey() throws Exception {
        String database = Postgres.freshDatabase("bare_auth");
        BareService auth = BareService.start(database, freePort());
        try {
            assertThat(auth.process.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                    .as("a bare auth-service must not keep running; it said:%n%s", auth.output())
                    .isTrue();
            assertThat(auth.process.exitValue()).isNotZero();
            assertThat(auth.output())
                    .contains("inkan.keys.encryption-key")
                    .doesNotContain("Started AuthServiceApplication");
            assertThat(operators(database)).isZero();
        } finally {
            auth.stop();
        }
    }

    @Test
    void withTheEncryptionKeyButNoOperatorTheLocalStacksOperatorOpensNoSession() throws Exception {
        String database = Postgres.freshDatabase("bare_auth");
        BareService auth = BareService.start(
                database, freePort(), "--" + TestKeys.ENCRYPTION_KEY_PROPERTY + "=" + TestKeys.ENCRYPTION_KEY);
        try {
            auth.awaitUp();

            for (String password : List.of("operator-pass", "operator")) {
                HttpResponse<String> logon = HTTP.send(
                        HttpRequest.newBuilder(auth.uri("/api/v1/tokens"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"realm\":\"operator\",\"operatorId\":\"operator\",\"password\":\"" + password
                                                + "\"}"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(logon.statusCode()).as(logon.body()).isEqualTo(401);
                assertThat(logon.body()).doesNotContain("accessToken");
            }
            // Not only these two passwords: there is no operator account at all, so none opens a session.
            assertThat(operators(database)).isZero();
            assertThat(auth.output()).contains("No bootstrap operator is configured");
        } finally {
            auth.stop();
        }
    }

    private static long operators(String databaseUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(databaseUrl, Postgres.USER, Postgres.PASSWORD);
                Statement s = c.createStatement()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, "account", null)) {
                if (!tables.next()) {
                    return 0; // not even migrated
                }
            }
            try (ResultSet count = s.executeQuery("SELECT count(*) FROM account WHERE realm = 'OPERATOR'")) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@code java -jar auth-service.jar} as an operator would start it, its output in a file. */
    private record BareService(Process process, Path log, int port) {
        static BareService start(String databaseUrl, int port, String... more) throws IOException {
            Path workingDirectory = Files.createTempDirectory("bare-auth");
            Path log = workingDirectory.resolve("auth-service.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toString(),
                    "--spring.datasource.url=" + databaseUrl,
                    "--spring.datasource.username=" + Postgres.USER,
                    "--spring.datasource.password=" + Postgres.PASSWORD,
                    "--server.port=" + port,
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    // Not configuration but a port: the mutual-TLS listener's default (8443) may be taken on a
                    // shared build machine.
                    "--inkan.auth.tls-port=0"));
            command.addAll(List.of(more));
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close();
            return new BareService(process, log, port);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** Until the service answers HTTP; fails at once if it exits instead. */
        void awaitUp() throws Exception {
            long deadline = System.nanoTime() + START.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("auth-service exited " + process.exitValue() + ":\n" + output());
                }
                try {
                    HTTP.send(
                            HttpRequest.newBuilder(uri("/actuator/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    process.waitFor(500, TimeUnit.MILLISECONDS);
                }
            }
            throw new AssertionError("auth-service did not answer within " + START + ":\n" + output());
        }

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.system.stack.Bank;
import io.inkan.system.stack.ChildProcessSystem;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.Infrastructure;
import io.inkan.system.stack.PostgresOutage;
import io.inkan.system.stack.SteadyRequests;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md §8, "crashes and outages lose nothing", tried as an operator meets it: the four services run
 * from their jars as child processes on PostgreSQL, and while front ends keep asking for certificates each
 * service is killed with SIGKILL and started again, the broker is restarted, and a service's database refuses
 * connections for longer than any retry window. Every request that was accepted ends ISSUED, with exactly one
 * certificate, and each user gets exactly one issuance mail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
class ServiceFaultsIT {
    private static final Map<String, String> PROPERTIES = Map.of(
            "inkan.issuance.mode", "SELF_SERVICE",
            // A database that is away answers at once (as PostgreSQL does for a database that refuses
            // connections), not after Hikari's default 30 s wait per attempt, which would stretch any
            // bounded retry window far beyond the outage.
            "spring.datasource.hikari.connection-timeout", "2000",
            // A mail claimed by a notification-service that is then killed waits out its lease (twice one send's
            // worst case under these timeouts, 48 s) before the restarted one sends it: short timeouts, a short
            // wait. On a loaded machine GreenMail (in this JVM, beside the broker) often answers later than that;
            // a mail it stored but confirmed too late is recorded as sent, not sent twice (UnansweredMailIT).
            "spring.mail.properties.mail.smtp.connectiontimeout", "2000",
            "spring.mail.properties.mail.smtp.timeout", "2000",
            "spring.mail.properties.mail.smtp.writetimeout", "2000");

    private static final String ISSUED_SUBJECT = "電子証明書を発行しました";
    /** Users released to the clients in each phase: enough that some are in flight when the fault strikes. */
    private static final int PER_PHASE = 8;
    /** Until every accepted request is decided, after the last fault. */
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private EmbeddedInfrastructure infrastructure;
    private ChildProcessSystem system;
    private Bank bank;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (system != null) {
                system.printLogTails(System.err, 60);
            }
        }
    };

    @BeforeAll
    void startServicesAsProcesses() {
        infrastructure = new EmbeddedInfrastructure();
        system = ChildProcessSystem.start("ServiceFaultsIT", infrastructure, PROPERTIES, 1);
        bank = new Bank(system.endpoints(1));
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceKilledAndRestartedAndTheBrokerRestartedLoseNothing() {
        List<String> phases =
                List.of("auth-service-1", "issuance-service-1", "admin-service-1", "notification-service-1", "broker");
        List<String> users = userIds((phases.size() + 1) * PER_PHASE);
        String contractId = contractWith(users);
        try (SteadyRequests requests = new SteadyRequests(bank, contractId, users, 3)) {
            int released = 0;
            for (String victim : phases) {
                requests.release(PER_PHASE);
                released += PER_PHASE;
                int before = released - PER_PHASE;
                // strike while this phase's requests are on their way
                awaitAccepted(requests, before + 2);
                if (victim.equals("broker")) {
                    infrastructure.restartBroker();
                } else {
                    system.kill(victim);
                    system.restart(victim);
                }
                awaitAccepted(requests, released);
            }
            requests.release(PER_PHASE); // and after the last fault
            released += PER_PHASE;
            awaitAccepted(requests, released);

            assertThat(requests.refused()).as("requests refused").isEmpty();
            assertNothingLost(contractId, requests.accepted());
        }
    }

    @Test
    @Order(2)
    void aDatabaseThatRefusesConnectionsLongerThanAnyRetryWindowLosesNothing() {
        List<String> users = userIds(3 * PER_PHASE);
        String contractId = contractWith(users);
        Infrastructure.Database issuance = system.database("issuance-service");
        try (SteadyRequests requests = new SteadyRequests(bank, contractId, users, 3)) {
            requests.release(PER_PHASE);
            awaitAccepted(requests, 2);
            try (PostgresOutage outage = PostgresOutage.of(issuance)) {
                // Longer than the bounded retries (8 attempts, ~33 s of back-off) ever waited; real time, because
                // the services retry by the wall clock.
                Instant over = Instant.now().plus(Duration.ofSeconds(70));
                requests.release(PER_PHASE);
                await().atMost(Duration.ofSeconds(150))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> Instant.now().isAfter(over)
                                && requests.accepted().size() >= 2 * PER_PHASE);
                assertThat(pending(requests.accepted()))
                        .as("requests waiting for issuance-service's database")
                        .isNotEmpty();
            }
            requests.release(PER_PHASE);
            awaitAccepted(requests, 3 * PER_PHASE);

            assertThat(requests.refused()).as("requests refused").isEmpty();
            assertNothingLost(contractId, requests.accepted());
        }
    }

    // ---- what "nothing lost" means ---------------------------------------------------------------------------

    private void assertNothingLost(String contractId, Map<String, String> accepted) {
        await().atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> pending(accepted).isEmpty());
        Map<String, String> serials = new HashMap<>();
        accepted.forEach((userId, requestId) -> {
            JsonNode outcome = outcome(requestId);
            assertThat(outcome.path("status").asString())
                    .as("request %s of %s: %s", requestId, userId, outcome)
                    .isEqualTo("ISSUED");
            serials.put(userId, outcome.path("certificate").path("serialNumber").asString());
        });
        // issuance-service's own record: one request and one certificate per user, the one auth-service reports
        Map<String, List<String>> certificates = query(
                "issuance-service", "SELECT user_id, serial_number FROM certificate WHERE contract_id = ?", contractId);
        Map<String, List<String>> requestsSeen = query(
                "issuance-service",
                "SELECT user_id, request_id FROM certificate_request WHERE contract_id = ?",
                contractId);
        accepted.forEach((userId, requestId) -> {
            assertThat(certificates.get(userId))
                    .as("certificates of %s", userId)
                    .containsExactly(serials.get(userId));
            assertThat(requestsSeen.get(userId)).as("requests of %s", userId).containsExactly(requestId);
        });
        // one issuance mail per user: all arrive, and no second one follows
        await().atMost(Duration.ofMinutes(2)) // a mail the killed instance had claimed waits out its lease
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(issuedMails(contractId))
                        .as("issuance mails per user")
                        .containsOnlyKeys(accepted.keySet()));
        await().during(Duration.ofSeconds(10))
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(issuedMails(contractId))
                        .as("issuance mails per user")
                        .allSatisfy(
                                (userId, count) -> assertThat(count).as(userId).isEqualTo(1L)));
    }

    private List<String> pending(Map<String, String> accepted) {
        return accepted.values().stream()
                .filter(id -> "PENDING".equals(outcome(id).path("status").asString()))
                .toList();
    }

    private JsonNode outcome(String requestId) {
        Http.Response response =
                Http.get(system.url("auth-service", 1) + "/api/v1/certificate-requests/" + requestId, null);
        assertThat(response.status()).as("request %s: %s", requestId, response).isEqualTo(200);
        return response.json();
    }

    /** How many issuance mails each user of the contract got, by user ID. */
    private Map<String, Long> issuedMails(String contractId) {
        Map<String, Long> counts = new HashMap<>();
        String domain = "@" + contractId.toLowerCase(java.util.Locale.ROOT) + ".example.jp";
        for (Infrastructure.ReceivedMail mail : infrastructure.mails()) {
            if (mail.to().endsWith(domain) && mail.subject().contains(ISSUED_SUBJECT)) {
                String userId = mail.to().substring(0, mail.to().indexOf('@')).toUpperCase(java.util.Locale.ROOT);
                counts.merge(userId, 1L, Long::sum);
            }
        }
        return counts;
    }

    private Map<String, List<String>> query(String service, String sql, String contractId) {
        Infrastructure.Database database = system.database(service);
        Map<String, List<String>> rows = new HashMap<>();
        try (Connection connection =
                        DriverManager.getConnection(database.url(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, contractId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.computeIfAbsent(result.getString(1), k -> new java.util.ArrayList<>())
                            .add(result.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    // ---- setting up ----------------------------------------------------------------------------------------

    private static void awaitAccepted(SteadyRequests requests, int count) {
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> requests.accepted().size() + requests.refused().size() >= count);
    }

    /** A new contract with these users, registered, and known to auth-service. */
    private String contractWith(List<String> users) {
        String contractId = "C" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contractId, "ADM01", "admin-pass-01");
        for (String userId : users) {
            bank.registerUser(admin, contractId, userId, null, SteadyRequests.password(userId));
        }
        String last = users.getLast();
        bank.awaitToken(Map.of(
                "realm", "user", "contractId", contractId, "userId", last, "password", SteadyRequests.password(last)));
        return contractId;
    }

    private static List<String> userIds(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> "U%03d".formatted(i))
                .toList();
    }
}

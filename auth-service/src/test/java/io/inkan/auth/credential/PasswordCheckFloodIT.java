package io.inkan.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.ControlledContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The attack: a flood of logons, each costing 19 MiB of Argon2id memory, until the service runs out of
 * memory (about 4 GiB for 200 at once, before the bound). With the bound at one check and no queue
 * ({@link ControlledContext}), 30 logons at once over real HTTP: never more than one check runs, the
 * callers beyond get 503 problem+json with Retry-After, and a 503 counts toward no lock-out.
 */
class PasswordCheckFloodIT extends ControlledContext {
    private static final int USERS = 10;
    private static final int CALLERS = 30;

    @Value("${local.server.port}")
    int port;

    @Autowired
    PasswordHashing hashing;

    @Autowired
    JdbcClient jdbc;

    record Answer(String userId, int status, String retryAfter, String contentType, String code) {}

    @Test
    void thirtyLogonsAtOnceRunOneCheckAtATimeAndTheRestGet503WithRetryAfterThatCountsForNothing() throws Exception {
        String contract = unique("C");
        for (int user = 0; user < USERS; user++) {
            registerUser(contract, userId(user), null, "Right-Pass-" + user);
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM account WHERE contract_id = ?")
                                .param(contract)
                                .query(Long.class)
                                .single()
                        == USERS);

        List<Answer> answers = flood(contract);

        assertThat(hashing.mostAtOnce())
                .as("Argon2 checks ever running at once")
                .isEqualTo(1);
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(refused)
                .as("callers beyond the one check and its empty queue")
                .isNotEmpty();
        assertThat(refused).allSatisfy(a -> {
            assertThat(a.retryAfter()).isEqualTo("2");
            assertThat(a.contentType()).startsWith("application/problem+json");
            assertThat(a.code()).isEqualTo("BUSY");
        });
        assertThat(answers)
                .filteredOn(a -> a.status() != 503)
                .as("the others were checked: wrong password")
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(401));

        Map<String, Integer> checkedPerUser = new HashMap<>();
        answers.stream().filter(a -> a.status() == 401).forEach(a -> checkedPerUser.merge(a.userId(), 1, Integer::sum));
        for (int user = 0; user < USERS; user++) {
            assertThat(failedAttempts(contract, userId(user)))
                    .as("failures of %s: one per 401, none per 503", userId(user))
                    .isEqualTo(checkedPerUser.getOrDefault(userId(user), 0));
        }
    }

    /** All callers wait at one barrier, then log on at once with a wrong password. */
    private List<Answer> flood(String contract) throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        CyclicBarrier start = new CyclicBarrier(CALLERS);
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try {
            List<Future<Answer>> pending = new ArrayList<>();
            for (int caller = 0; caller < CALLERS; caller++) {
                String userId = userId(caller % USERS);
                String body = JSON.writeValueAsString(Map.of(
                        "realm", "user", "contractId", contract, "userId", userId, "password", "wrong-" + caller));
                pending.add(callers.submit(() -> {
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/tokens"))
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    start.await(30, TimeUnit.SECONDS);
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    JsonNode problem = JSON.readTree(response.body());
                    return new Answer(
                            userId,
                            response.statusCode(),
                            response.headers().firstValue("Retry-After").orElse(null),
                            response.headers().firstValue("Content-Type").orElse(""),
                            problem.path("code").asString());
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : pending) {
                answers.add(answer.get(90, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            callers.shutdownNow();
            http.close();
        }
    }

    private int failedAttempts(String contract, String userId) {
        return jdbc.sql(
                        "SELECT failed_attempts FROM account WHERE realm = 'USER' AND contract_id = ? AND account_id = ?")
                .params(contract, userId)
                .query(Integer.class)
                .single();
    }

    private static String userId(int user) {
        return "U%03d".formatted(user);
    }
}

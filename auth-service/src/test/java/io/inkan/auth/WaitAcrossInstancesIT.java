package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.Postgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of auth-service on one PostgreSQL database and one broker, in one consumer group (docs/contract.md
 * §8): the customer's GET with {@code ?wait=} is held by the one instance, while the other consumes issuance-service's
 * answer and records it. The waiting GET must still answer at once, woken through PostgreSQL's NOTIFY, not at the end
 * of its wait. The holding instance here reads no issuance events at all, so the recording one is always the other.
 */
class WaitAcrossInstancesIT {
    private static final JsonMapper JSON = new JsonMapper();

    private static EmbeddedKafkaKraftBroker broker;
    private static Instance holding;
    private static Instance recording;

    @BeforeAll
    static void twoInstancesOnOneDatabase() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        String database = Postgres.freshDatabase("auth_wait");
        String[] onDatabase = {
            "--spring.datasource.url=" + database,
            "--spring.datasource.username=" + Postgres.USER,
            "--spring.datasource.password=" + Postgres.PASSWORD
        };
        recording =
                Instance.start(broker.getBrokersAsString(), Files.createTempDirectory("auth-recording"), onDatabase);
        holding = Instance.start(
                broker.getBrokersAsString(),
                Files.createTempDirectory("auth-holding"),
                concat(onDatabase, "--inkan.messaging.consumes=inkan.admin.events"));
    }

    @AfterAll
    static void stop() {
        for (Instance instance : new Instance[] {holding, recording}) {
            if (instance != null) {
                instance.close();
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aGetWaitingOnOneInstanceAnswersAsSoonAsTheOtherRecordsTheCertificate() throws Exception {
        String contract = holding.registeredUser("U001");
        KeyPair key = Csrs.p256();
        String requestId = holding.submit(contract, "U001", key);

        CompletableFuture<HttpResponse<String>> answer = holding.awaitOutcome(requestId, "PT10S");
        await().atMost(Duration.ofSeconds(10)).until(() -> holding.waiting() == 1);
        holding.publishIssued(requestId, contract, "U001", key);
        long publishedAt = System.nanoTime();

        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - publishedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("ISSUED");
        assertThat(holding.waiting()).isZero();
        assertThat(recording.waiting()).isZero();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.testsupport.Csrs;
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
 * auth-service on its embedded default, the H2 file database, where there is no NOTIFY: the consumer that records
 * the outcome wakes the waiting GET itself, once its transaction has committed.
 */
class WaitOnTheEmbeddedDatabaseIT {
    private static final JsonMapper JSON = new JsonMapper();

    private static EmbeddedKafkaKraftBroker broker;
    private static Instance instance;

    @BeforeAll
    static void onH2() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        // no spring.datasource.*: the service's own default, H2 under the data directory
        instance = Instance.start(broker.getBrokersAsString(), Files.createTempDirectory("auth-h2"));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aWaitingGetAnswersAsSoonAsTheCertificateIsRecordedAndAnotherEndsWithPendingWhenItsWaitIsOver()
            throws Exception {
        String contract = instance.registeredUser("U001");
        KeyPair key = Csrs.p256();
        String requestId = instance.submit(contract, "U001", key);
        String untouched = instance.submit(contract, "U001", Csrs.p256());

        long askedAt = System.nanoTime();
        CompletableFuture<HttpResponse<String>> idle = instance.awaitOutcome(untouched, "PT5S");
        CompletableFuture<HttpResponse<String>> answer = instance.awaitOutcome(requestId, "PT10S");
        await().atMost(Duration.ofSeconds(10)).until(() -> instance.waiting() == 2);
        instance.publishIssued(requestId, contract, "U001", key);
        long publishedAt = System.nanoTime();

        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - publishedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("ISSUED");
        assertThat(idle).as("the other request's wait goes on").isNotDone();

        HttpResponse<String> pending = idle.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - askedAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(JSON.readTree(pending.body()).path("status").asString()).isEqualTo("PENDING");
        assertThat(instance.waiting()).isZero();
    }
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.AdministratorRegistered;
import io.inkan.events.EventTypes;
import io.inkan.events.InkanEvent;
import io.inkan.events.Realm;
import io.inkan.events.Topics;
import io.inkan.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Events bound to their topic (issue 11, docs/contract.md §6), written as the attacks they stop. Every bank
 * front end may write {@code inkan.frontend.requests}; what it writes there must never count as
 * admin-service speaking. Each attack is followed by the same event on its own topic, which is applied:
 * so the refusal is the topic's doing, not a broken event.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForgedEventsIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MeterRegistry meters;

    @Test
    void aForgedAdministratorRegisteredOnTheFrontEndsTopicGoesToItsDeadLetterTopicAndCreatesNoAdministrator(
            CapturedOutput output) throws Exception {
        String contract = unique("C");
        String sealedPassword = Envelopes.seal("Forged-Admin-1", sealingCertificate());
        AdministratorRegistered forged = new AdministratorRegistered(
                contract, "A666", "攻撃者", "mallory@example.jp", "ja", sealedPassword, CLOCK.instant());
        double refusedBefore = refusedForeignTypes();

        try (TopicProbe deadLetters = new TopicProbe(brokers, Topics.deadLetter(Topics.FRONTEND_REQUESTS))) {
            sendOn(Topics.FRONTEND_REQUESTS, forged);

            ConsumerRecord<String, byte[]> dead =
                    deadLetters.await(r -> TopicProbe.value(r).contains(contract), WAIT);
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-message"))
                    .contains("io.inkan.AdministratorRegistered.v1 does not belong on inkan.frontend.requests");
            assertThat(TopicProbe.header(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.FRONTEND_REQUESTS);
        }
        assertProblem(adminLogon(contract, "A666", "Forged-Admin-1"), 401, "UNAUTHENTICATED");
        assertThat(refusedForeignTypes()).isEqualTo(refusedBefore + 1);
        assertThat(output.getAll())
                .contains("io.inkan.security")
                .contains("io.inkan.AdministratorRegistered.v1 does not belong on inkan.frontend.requests")
                .doesNotContain(sealedPassword)
                .doesNotContain("mallory@example.jp");

        // The same event where admin-service publishes it is applied: only the topic made the difference.
        publish(forged);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(adminLogon(contract, "A666", "Forged-Admin-1")
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
    }

    @Test
    void aForgedAccountUnlockRequestedOnTheFrontEndsTopicGoesToItsDeadLetterTopicAndTheAccountStaysLocked()
            throws Exception {
        String contract = registeredUser("U001", "Locked-Pass-42");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(userLogon(contract, "U001", "wrong-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(userLogon(contract, "U001", "Locked-Pass-42"), 423, "LOCKED");
        AccountUnlockRequested forged =
                new AccountUnlockRequested(Realm.USER, contract, "U001", "A001", CLOCK.instant());

        try (TopicProbe deadLetters = new TopicProbe(brokers, Topics.deadLetter(Topics.FRONTEND_REQUESTS))) {
            sendOn(Topics.FRONTEND_REQUESTS, forged);

            ConsumerRecord<String, byte[]> dead =
                    deadLetters.await(r -> TopicProbe.value(r).contains(contract), WAIT);
            assertThat(TopicProbe.header(dead, "kafka_dlt-exception-message"))
                    .contains("io.inkan.AccountUnlockRequested.v1 does not belong on inkan.frontend.requests");
        }
        assertProblem(userLogon(contract, "U001", "Locked-Pass-42"), 423, "LOCKED");

        // The administrator's real unlock, on admin-service's topic, opens it.
        publish(forged);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U001", "Locked-Pass-42")
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
    }

    /** Publishes {@code event} with its own headers, but on a topic of the attacker's choice. */
    private void sendOn(String topic, InkanEvent event) {
        send(topic, event.key(), CODEC.encode(event), EventTypes.nameOf(event));
    }

    private MvcResult adminLogon(String contract, String adminId, String password) throws Exception {
        return post(
                "/api/v1/tokens",
                Map.of("realm", "admin", "contractId", contract, "adminId", adminId, "password", password));
    }

    private double refusedForeignTypes() {
        Counter counter = meters.find("inkan.events.refused")
                .tags("topic", Topics.FRONTEND_REQUESTS, "reason", "foreign-type")
                .counter();
        return counter == null ? 0 : counter.count();
    }
}

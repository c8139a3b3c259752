package io.inkan.auth.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.ControlledContext;
import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.Realm;
import io.inkan.events.Topics;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The attack: five wrong passwords on an operator's ID shut that operator out. The way back must not be
 * a restart (anyone who can make the service restart would get a free unlock, and the lock would vanish
 * unnoticed); it is another operator's unlock, through admin-service's AccountUnlockRequested.
 */
class OperatorLockoutIT extends ControlledContext {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    OperatorBootstrap bootstrap;

    private MvcResult operatorLogon(String operatorId, String password) throws Exception {
        return post("/api/v1/tokens", Map.of("realm", "operator", "operatorId", operatorId, "password", password));
    }

    @Test
    void anOperatorLockedOutByFiveFailuresStaysLockedThroughARestartAndIsUnlockedByAnotherOperator() throws Exception {
        assertThat(operatorLogon(SECOND_OPERATOR, SECOND_OPERATOR_PASSWORD)
                        .getResponse()
                        .getStatus())
                .as("inkan.operators[0] made a second operator")
                .isEqualTo(200);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(operatorLogon(SECOND_OPERATOR, "wrong-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(operatorLogon(SECOND_OPERATOR, SECOND_OPERATOR_PASSWORD), 423, "LOCKED");

        bootstrap.afterSingletonsInstantiated(); // what a restart does to the stored operators
        assertProblem(operatorLogon(SECOND_OPERATOR, SECOND_OPERATOR_PASSWORD), 423, "LOCKED");

        assertThat(operatorLogon("operator", "op-pass-IT-9137").getResponse().getStatus())
                .as("the other operator is not shut out")
                .isEqualTo(200);
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            publish(new AccountUnlockRequested(Realm.OPERATOR, null, SECOND_OPERATOR, "operator", CLOCK.instant()));

            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(operatorLogon(SECOND_OPERATOR, SECOND_OPERATOR_PASSWORD)
                                    .getResponse()
                                    .getStatus())
                            .isEqualTo(200));
            var unlocked = probe.awaitEvent("io.inkan.AccountUnlocked.v1", "\"accountId\":\"" + SECOND_OPERATOR, WAIT);
            assertThat(TopicProbe.value(unlocked)).contains("\"realm\":\"OPERATOR\"");
        }
    }
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an operator's dashboard counts of logons: each answer of {@code POST /api/v1/tokens} by realm and outcome,
 * and the lock-out that five wrong passwords cause, counted once (the attempts after it find the account locked and
 * lock nothing again).
 */
class LogonMetersIT extends IntegrationTestBase {
    @Autowired
    MeterRegistry meters;

    @Test
    void logonsAreCountedByOutcomeAndALockOutOnce() throws Exception {
        String contract = registeredUser("U001", "Right-Pass-77");
        double succeeded = logons("USER", "SUCCEEDED");
        double unauthenticated = logons("USER", "UNAUTHENTICATED");
        double locked = logons("USER", "LOCKED");
        double lockouts = lockouts();

        assertThat(userLogon(contract, "U001", "Right-Pass-77").getResponse().getStatus())
                .isEqualTo(200);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(userLogon(contract, "U001", "wrong-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(userLogon(contract, "U001", "Right-Pass-77"), 423, "LOCKED");
        assertProblem(userLogon(contract, "U001", "wrong-6"), 423, "LOCKED");

        assertThat(logons("USER", "SUCCEEDED")).isEqualTo(succeeded + 1);
        assertThat(logons("USER", "UNAUTHENTICATED")).isEqualTo(unauthenticated + 5);
        assertThat(logons("USER", "LOCKED")).isEqualTo(locked + 2);
        assertThat(lockouts())
                .as("counted once the lock committed, before the answer")
                .isEqualTo(lockouts + 1);
    }

    @Test
    void anUnknownOperatorIsCountedInTheOperatorsRealm() throws Exception {
        double before = logons("OPERATOR", "UNAUTHENTICATED");

        assertProblem(
                post(
                        "/api/v1/tokens",
                        Map.of("realm", "operator", "operatorId", unique("nobody"), "password", "not-it")),
                401,
                "UNAUTHENTICATED");

        assertThat(logons("OPERATOR", "UNAUTHENTICATED")).isEqualTo(before + 1);
    }

    private double logons(String realm, String outcome) {
        return meters.get("inkan.logons")
                .tag("realm", realm)
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private double lockouts() {
        return meters.get("inkan.lockouts").tag("realm", "USER").counter().count();
    }
}

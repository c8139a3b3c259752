package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.events.AdministratorRegistered;
import io.inkan.events.PasswordResetOrdered;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/password-changes} and an administrator's reset (docs/contract.md §4), on the real service
 * with Kafka and PostgreSQL. The attacks: a stolen session guessing the current password, a rule breach telling a
 * guesser anything, a session opened before the change acting after it.
 */
class PasswordChangesIT extends ControlledContext {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Momiji-Pass-48";
    private static final String NEW_PASSWORD = "Ginkgo-Pass-73";

    private MvcResult change(String token, String current, String next) throws Exception {
        return post("/api/v1/password-changes", Map.of("currentPassword", current, "newPassword", next), token);
    }

    private String session(String contract, String userId, String password) throws Exception {
        MvcResult logon = userLogon(contract, userId, password);
        assertThat(logon.getResponse().getStatus())
                .as(logon.getResponse().getContentAsString())
                .isEqualTo(200);
        return json(logon).path("accessToken").asString();
    }

    private MvcResult adminLogon(String contract, String adminId, String password) throws Exception {
        return post(
                "/api/v1/tokens",
                Map.of("realm", "admin", "contractId", contract, "adminId", adminId, "password", password));
    }

    private MvcResult operatorLogon(String password) throws Exception {
        return post("/api/v1/tokens", Map.of("realm", "operator", "operatorId", "operator", "password", password));
    }

    private static JsonNode value(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(TopicProbe.value(record));
    }

    @Test
    void aUserChangesTheirPasswordTheOldOneNoLongerOpensASessionAndTheNewOneDoes() throws Exception {
        String contract = registeredUser("U001", PASSWORD);
        String token = session(contract, "U001", PASSWORD);

        MvcResult changed = change(token, PASSWORD, NEW_PASSWORD);

        assertThat(changed.getResponse().getStatus())
                .as(changed.getResponse().getContentAsString())
                .isEqualTo(204);
        assertProblem(userLogon(contract, "U001", PASSWORD), 401, "UNAUTHENTICATED");
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(userLogon(contract, "U001", NEW_PASSWORD).getResponse().getStatus())
                .isEqualTo(200);
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            ConsumerRecord<String, byte[]> event = probe.awaitEvent("io.inkan.PasswordChanged.v1", contract, WAIT);
            assertThat(event.key()).isEqualTo(contract + ":U001");
            assertThat(value(event).path("changedBy").asString()).isEqualTo("SELF");
            assertThat(value(event).path("realm").asString()).isEqualTo("USER");
            assertThat(TopicProbe.value(event)).doesNotContain(PASSWORD).doesNotContain(NEW_PASSWORD);
        }
    }

    @Test
    void aSessionOpenedBeforeTheChangeCanNoLongerAct() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        String stolen = session(contract, "U002", PASSWORD);
        String own = session(contract, "U002", PASSWORD);

        assertThat(change(own, PASSWORD, NEW_PASSWORD).getResponse().getStatus())
                .isEqualTo(204);

        assertProblem(
                post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), stolen),
                401,
                "UNAUTHENTICATED");
        assertProblem(change(stolen, NEW_PASSWORD, "Stolen-Pass-99"), 401, "UNAUTHENTICATED");
    }

    @Test
    void aStolenSessionCannotGuessTheCurrentPasswordWrongOnesCountTowardTheLockOut() throws Exception {
        String contract = registeredUser("U003", PASSWORD);
        String stolen = session(contract, "U003", PASSWORD);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(change(stolen, "guess-" + attempt, NEW_PASSWORD), 401, "UNAUTHENTICATED");
        }

        // Locked as after five wrong logons: the right password opens nothing, and the session ended with the lock.
        assertProblem(userLogon(contract, "U003", PASSWORD), 423, "LOCKED");
        assertProblem(change(stolen, PASSWORD, NEW_PASSWORD), 401, "UNAUTHENTICATED");
    }

    @Test
    void aLockedAdministratorsSessionIsAnswered423() throws Exception {
        String contract = unique("C");
        registerAdministrator(contract, "A001", PASSWORD);
        String stolen =
                json(adminLogon(contract, "A001", PASSWORD)).path("accessToken").asString();

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(change(stolen, "guess-" + attempt, NEW_PASSWORD), 401, "UNAUTHENTICATED");
        }

        assertProblem(change(stolen, PASSWORD, NEW_PASSWORD), 423, "LOCKED");
        assertProblem(adminLogon(contract, "A001", PASSWORD), 423, "LOCKED");
    }

    @Test
    void aRuleTheNewPasswordBreaksIsNamedOnlyWhenTheCurrentPasswordIsRight() throws Exception {
        String contract = unique("C");
        String loginId = unique("hanako.");
        registerUser(contract, "U004", loginId, PASSWORD);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U004", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        String token = session(contract, "U004", PASSWORD);

        assertProblem(change(token, "wrong-current", "short"), 401, "UNAUTHENTICATED");
        assertProblem(change(token, "wrong-current", loginId), 401, "UNAUTHENTICATED");
        assertProblem(change(token, "wrong-current", "wrong-current"), 401, "UNAUTHENTICATED");

        assertProblem(change(token, PASSWORD, "Short-1"), 422, "PASSWORD_TOO_SHORT");
        assertProblem(change(token, PASSWORD, loginId.toUpperCase(java.util.Locale.ROOT)), 422, "PASSWORD_SAME_AS_ID");
        assertProblem(change(token, PASSWORD, PASSWORD), 422, "PASSWORD_UNCHANGED");
        assertThat(userLogon(contract, "U004", PASSWORD).getResponse().getStatus())
                .as("nothing changed")
                .isEqualTo(200);
    }

    @Test
    void theIdItselfIsRefusedWhateverItsCase() throws Exception {
        String contract = unique("C");
        registerAdministrator(contract, "kanri-sha-01", PASSWORD);
        String token = json(adminLogon(contract, "kanri-sha-01", PASSWORD))
                .path("accessToken")
                .asString();

        assertProblem(change(token, PASSWORD, "KANRI-SHA-01"), 422, "PASSWORD_SAME_AS_ID");
    }

    @Test
    void withoutAValidTokenNothingIsChecked() throws Exception {
        assertProblem(
                post("/api/v1/password-changes", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)),
                401,
                "UNAUTHENTICATED");
        assertProblem(change("not-a-token", PASSWORD, NEW_PASSWORD), 401, "UNAUTHENTICATED");
    }

    @Test
    void anAdministratorChangesTheirPasswordAndTheirEarlierTokensNoLongerActHere() throws Exception {
        String contract = unique("C");
        registerAdministrator(contract, "A002", PASSWORD);
        String earlier =
                json(adminLogon(contract, "A002", PASSWORD)).path("accessToken").asString();

        assertThat(change(earlier, PASSWORD, NEW_PASSWORD).getResponse().getStatus())
                .isEqualTo(204);

        assertProblem(adminLogon(contract, "A002", PASSWORD), 401, "UNAUTHENTICATED");
        assertProblem(change(earlier, NEW_PASSWORD, "Another-Pass-5"), 401, "UNAUTHENTICATED");
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(adminLogon(contract, "A002", NEW_PASSWORD).getResponse().getStatus())
                .isEqualTo(200);
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            ConsumerRecord<String, byte[]> event = probe.awaitEvent("io.inkan.PasswordChanged.v1", contract, WAIT);
            assertThat(event.key()).isEqualTo(contract + ":A002");
            assertThat(value(event).path("realm").asString()).isEqualTo("ADMIN");
        }
    }

    @Test
    void anOperatorChangesTheirPassword() throws Exception {
        String configured = "op-pass-IT-9137";
        String chosen = "Operator-Own-Pass-5";
        String token = json(operatorLogon(configured)).path("accessToken").asString();
        try {
            assertThat(change(token, configured, chosen).getResponse().getStatus())
                    .isEqualTo(204);

            assertProblem(operatorLogon(configured), 401, "UNAUTHENTICATED");
            CLOCK.advance(Duration.ofSeconds(1));
            assertThat(operatorLogon(chosen).getResponse().getStatus()).isEqualTo(200);
        } finally {
            // the other ITs of this context log on with the configured password
            CLOCK.advance(Duration.ofSeconds(1));
            String again = json(operatorLogon(chosen)).path("accessToken").asString();
            assertThat(change(again, chosen, configured).getResponse().getStatus())
                    .isEqualTo(204);
            CLOCK.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void anAdministratorsResetSetsTheSealedTemporaryPasswordUnlocksTheUserAndEndsTheirSessions() throws Exception {
        String contract = registeredUser("U005", PASSWORD);
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(userLogon(contract, "U005", "wrong-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(userLogon(contract, "U005", PASSWORD), 423, "LOCKED");
        String temporary = "Temporary-Pass-62";

        publish(new PasswordResetOrdered(
                contract, "U005", Envelopes.seal(temporary, sealingCertificate()), "A001", CLOCK.instant()));

        CLOCK.advance(Duration.ofSeconds(1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U005", temporary)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        assertProblem(userLogon(contract, "U005", PASSWORD), 401, "UNAUTHENTICATED");
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            ConsumerRecord<String, byte[]> event = probe.awaitEvent("io.inkan.PasswordChanged.v1", contract, WAIT);
            assertThat(value(event).path("changedBy").asString()).isEqualTo("ADMINISTRATOR");
            assertThat(TopicProbe.value(event)).doesNotContain(temporary);
            probe.awaitEvent("io.inkan.AccountUnlocked.v1", contract, WAIT);
        }
    }

    @Test
    void aSessionOpenedBeforeAResetCanNoLongerAct() throws Exception {
        String contract = registeredUser("U006", PASSWORD);
        String before = session(contract, "U006", PASSWORD);
        String temporary = "Temporary-Pass-63";

        publish(new PasswordResetOrdered(
                contract, "U006", Envelopes.seal(temporary, sealingCertificate()), "A001", CLOCK.instant()));

        CLOCK.advance(Duration.ofSeconds(1));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U006", temporary)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        assertProblem(
                post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), before),
                401,
                "UNAUTHENTICATED");
    }

    private void registerAdministrator(String contract, String adminId, String password) throws Exception {
        publish(new AdministratorRegistered(
                contract,
                adminId,
                "管理者",
                "admin@example.jp",
                "ja",
                Envelopes.seal(password, sealingCertificate()),
                CLOCK.instant()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(adminLogon(contract, adminId, password)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
    }
}

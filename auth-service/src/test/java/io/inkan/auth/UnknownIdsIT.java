package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.events.AdministratorRegistered;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The attack: guess IDs and watch the answers. Five wrong passwords used to lock only IDs that exist, so
 * the sixth answer (423 or 401) told which IDs were real. Now an ID that names nobody answers exactly like
 * one that does at every step: the same status, the same problem body, the same headers.
 */
class UnknownIdsIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Five wrong passwords on each, then the real password on the real one: every answer alike. */
    private void answerAlike(
            Callable<MvcResult> knownWrong, Callable<MvcResult> unknownWrong, Callable<MvcResult> knownRight)
            throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            MvcResult onKnown = knownWrong.call();
            MvcResult onUnknown = unknownWrong.call();
            assertProblem(onKnown, 401, "UNAUTHENTICATED");
            assertThat(seen(onUnknown)).as("attempt %d", attempt).isEqualTo(seen(onKnown));
        }
        MvcResult locked = knownRight.call();
        assertProblem(locked, 423, "LOCKED");
        MvcResult unknownLocked = unknownWrong.call();
        assertThat(seen(unknownLocked)).isEqualTo(seen(locked));
        assertThat(seen(unknownWrong.call())).isEqualTo(seen(knownWrong.call()));
    }

    @Test
    void anUnknownUserIdAnswers401FiveTimesThen423JustLikeAUserWhoExists() throws Exception {
        String contract = registeredUser("U001", "Known-Pass-1");

        answerAlike(
                () -> userLogon(contract, "U001", "not-it"),
                () -> userLogon(contract, "NOBODY", "not-it"),
                () -> userLogon(contract, "U001", "Known-Pass-1"));
    }

    @Test
    void anUnknownLoginIdAnswers401FiveTimesThen423JustLikeALoginIdThatExists() throws Exception {
        String contract = unique("C");
        String loginId = unique("hanako.");
        registerUser(contract, "U001", loginId, "Known-Pass-2");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                byLoginId(loginId, "Known-Pass-2").getResponse().getStatus())
                        .isEqualTo(200));

        String nobody = unique("nobody.");
        answerAlike(
                () -> byLoginId(loginId, "not-it"),
                () -> byLoginId(nobody, "not-it"),
                () -> byLoginId(loginId, "Known-Pass-2"));
    }

    @Test
    void anUnknownAdministratorAnswersLikeOneWhoExistsAndCertificateRequestsCountAlike() throws Exception {
        String contract = unique("C");
        publish(new AdministratorRegistered(
                contract,
                "A001",
                "管理者",
                "admin@example.jp",
                "ja",
                Envelopes.seal("Admin-Pass-1", sealingCertificate()),
                CLOCK.instant()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(adminLogon(contract, "A001", "Admin-Pass-1")
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));

        answerAlike(
                () -> adminLogon(contract, "A001", "not-it"),
                () -> adminLogon(contract, "A404", "not-it"),
                () -> adminLogon(contract, "A001", "Admin-Pass-1"));
    }

    @Test
    void anUnknownOperatorIdLocksAfterFiveFailuresLikeAnyAccount() throws Exception {
        String nobody = unique("op-");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(operatorLogon(nobody, "guess-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(operatorLogon(nobody, "guess-6"), 423, "LOCKED");
    }

    @Test
    void anIdLockedWhileItNamedNobodyStartsCleanOnceItIsRegistered() throws Exception {
        String contract = unique("C");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(userLogon(contract, "U007", "guess-" + attempt), 401, "UNAUTHENTICATED");
        }
        assertProblem(userLogon(contract, "U007", "guess-6"), 423, "LOCKED");

        registerUser(contract, "U007", null, "Fresh-Pass-7");

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U007", "Fresh-Pass-7")
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
    }

    private MvcResult byLoginId(String loginId, String password) throws Exception {
        return post("/api/v1/tokens", Map.of("realm", "user", "loginId", loginId, "password", password));
    }

    private MvcResult adminLogon(String contract, String adminId, String password) throws Exception {
        return post(
                "/api/v1/tokens",
                Map.of("realm", "admin", "contractId", contract, "adminId", adminId, "password", password));
    }

    private MvcResult operatorLogon(String operatorId, String password) throws Exception {
        return post("/api/v1/tokens", Map.of("realm", "operator", "operatorId", operatorId, "password", password));
    }
}

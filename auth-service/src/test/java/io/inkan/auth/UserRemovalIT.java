package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.RequestKind;
import io.inkan.events.UserRemoved;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A user who left the contract (UserRemoved) gets no session of any kind, and an attacker watching the answers cannot
 * tell a removed user from an ID that never existed: the same status, headers and body at every attempt, the same
 * lock-out. Sessions opened before the removal can no longer ask for anything.
 */
class UserRemovalIT extends ControlledContext {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Kaede-Pass-31";

    private MvcResult loginIdLogon(String loginId, String password) throws Exception {
        return post("/api/v1/tokens", Map.of("realm", "user", "loginId", loginId, "password", password));
    }

    private MvcResult requestWith(String token) throws Exception {
        return post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), token);
    }

    @Test
    void aUserWhoLeftIsAnsweredExactlyLikeAnIdThatNeverExistedWithTheRightPasswordToo() throws Exception {
        String contract = unique("C");
        String loginId = unique("login-");
        registerUser(contract, "U001", loginId, PASSWORD);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U001", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        String session =
                json(userLogon(contract, "U001", PASSWORD)).path("accessToken").asString();
        assertThat(requestWith(session).getResponse().getStatus()).isEqualTo(202);

        publish(new UserRemoved(contract, "U001", "A001", CLOCK.instant()));

        // the removal ended the session (no password check spent on waiting for it)
        await().atMost(WAIT).untilAsserted(() -> assertProblem(requestWith(session), 401, "UNAUTHENTICATED"));

        // the right password of the removed user, next to a wrong one of an ID that never existed: alike at every
        // attempt, lock-out included
        for (int attempt = 1; attempt <= 5; attempt++) {
            MvcResult removed = userLogon(contract, "U001", PASSWORD);
            MvcResult never = userLogon(contract, "NEVER", "whatever-" + attempt);
            assertProblem(removed, 401, "UNAUTHENTICATED");
            assertThat(seen(never)).as("attempt %d", attempt).isEqualTo(seen(removed));
        }
        MvcResult locked = userLogon(contract, "U001", PASSWORD);
        assertProblem(locked, 423, "LOCKED");
        assertThat(seen(userLogon(contract, "NEVER", "whatever-6"))).isEqualTo(seen(locked));

        // the bank-wide login ID is refused the same way as an unknown login ID
        assertThat(seen(loginIdLogon(loginId, PASSWORD))).isEqualTo(seen(loginIdLogon(unique("nobody-"), PASSWORD)));
        assertProblem(loginIdLogon(loginId, PASSWORD), 401, "UNAUTHENTICATED");
    }

    @Test
    void aUserWhoLeftCannotLogOnWithTheCertificateEvenBeforeItsRevocationArrives() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        KeyPair key = Csrs.p256();
        String requestId = passwordRequest(contract, "U002", PASSWORD, key);
        IssuedForTest certificate = issue(key, contract, "U002", CLOCK.instant().plus(Duration.ofDays(365)));
        // the older form of the event: no first-use wait, no renewableFrom, no authorization
        publish(issuedEvent(
                requestId,
                contract,
                "U002",
                RequestKind.NEW,
                certificate,
                certificate.pem(),
                null,
                CLOCK.instant(),
                null,
                null,
                null));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(certificateLogon(certificate, PASSWORD).status())
                                .isEqualTo(200));
        String certificateSession = json(certificateLogon(certificate, PASSWORD))
                .path("accessToken")
                .asString();

        // issuance-service's CertificateRevoked (cessationOfOperation) comes on another topic, later; not needed here
        publish(new UserRemoved(contract, "U002", "A001", CLOCK.instant()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertProblem(certificateLogon(certificate, PASSWORD), 401, "UNAUTHENTICATED"));
        assertProblem(requestWith(certificateSession), 401, "UNAUTHENTICATED");
        assertProblem(userLogon(contract, "U002", PASSWORD), 401, "UNAUTHENTICATED");
    }
}

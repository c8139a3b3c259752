package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AccountUnlockRequested;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRejected;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.Realm;
import io.inkan.events.RejectionReason;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The attack: keep a session from before the right ended (a stolen token, a PC the administrator reissued
 * away from) and use it to ask for a certificate, which would spend the reissue's authorization or
 * renew a revoked key. A user token issued at or before the user's last reissue, revocation (other than
 * superseded) or lock-out, as auth-service applied it, asks for nothing any more.
 */
class StaleSessionsIT extends ControlledContext {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Kaede-Pass-31";

    private String session(String contract, String userId) throws Exception {
        MvcResult logon = userLogon(contract, userId, PASSWORD);
        assertThat(logon.getResponse().getStatus()).isEqualTo(200);
        return json(logon).path("accessToken").asString();
    }

    private MvcResult requestWith(String token) throws Exception {
        return post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), token);
    }

    /** A session opened once the clock has left the second in which the old ones ended. */
    private String laterSession(String contract, String userId) throws Exception {
        CLOCK.advance(Duration.ofSeconds(1));
        return session(contract, userId);
    }

    @Test
    void aSessionOpenedBeforeAReissueCanNoLongerAskForACertificateAndOneOpenedAfterCan() throws Exception {
        String contract = registeredUser("U001", PASSWORD);
        String before = session(contract, "U001");
        assertThat(requestWith(before).getResponse().getStatus()).isEqualTo(202);

        publish(new CertificateReissueAuthorized(
                contract, "U001", "AUTH-1", RevocationReason.KEY_COMPROMISE, "A001", CLOCK.instant()));

        await().atMost(WAIT).untilAsserted(() -> assertProblem(requestWith(before), 401, "UNAUTHENTICATED"));
        assertThat(json(requestWith(before)).path("detail").asString())
                .isEqualTo("The token is not a valid user session.");
        assertThat(requestWith(laterSession(contract, "U001")).getResponse().getStatus())
                .isEqualTo(202);
    }

    @Test
    void aSessionOpenedBeforeARevocationCanNoLongerAskForACertificate() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        String before = session(contract, "U002");
        assertThat(requestWith(before).getResponse().getStatus()).isEqualTo(202);

        publish(new CertificateRevoked(
                "7f3a9c0e11d24b6e8a5f00c1d2e3f405",
                contract,
                "U002",
                RevocationReason.KEY_COMPROMISE,
                CLOCK.instant()));

        await().atMost(WAIT).untilAsserted(() -> assertProblem(requestWith(before), 401, "UNAUTHENTICATED"));
        assertThat(requestWith(laterSession(contract, "U002")).getResponse().getStatus())
                .isEqualTo(202);
    }

    @Test
    void aSupersededRevocationIsTheNormalEndOfARenewalAndEndsNoSession() throws Exception {
        String contract = registeredUser("U003", PASSWORD);
        String session = session(contract, "U003");
        String requestId = json(requestWith(session)).path("requestId").asString();

        publish(new CertificateRevoked(
                "0a1b2c3d4e5f60718293a4b5c6d7e8f9", contract, "U003", RevocationReason.SUPERSEDED, CLOCK.instant()));
        // Same topic, same key, published after it: once this one is applied, the revocation was too.
        publish(new CertificateRejected(
                requestId, contract, "U003", RejectionReason.NOT_AUTHORIZED, "marker", CLOCK.instant()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                                .path("status")
                                .asString())
                        .isEqualTo("REJECTED"));

        assertThat(requestWith(session).getResponse().getStatus()).isEqualTo(202);
    }

    @Test
    void aSessionOpenedBeforeALockOutCanNoLongerAskForACertificate() throws Exception {
        String contract = registeredUser("U004", PASSWORD);
        String before = session(contract, "U004");
        assertThat(requestWith(before).getResponse().getStatus()).isEqualTo(202);

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertProblem(userLogon(contract, "U004", "wrong-" + attempt), 401, "UNAUTHENTICATED");
        }

        assertProblem(requestWith(before), 401, "UNAUTHENTICATED");

        publish(new AccountUnlockRequested(Realm.USER, contract, "U004", "A001", CLOCK.instant()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U004", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        assertProblem(requestWith(before), 401, "UNAUTHENTICATED");
        assertThat(requestWith(laterSession(contract, "U004")).getResponse().getStatus())
                .isEqualTo(202);
    }
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateRevoked;
import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 失効 as the user meets it at logon: issuance-service revokes the certificate and the renewal waiting beside it
 * (CertificateRevoked, the reason the administrator gave), and from then on neither opens a session, the session
 * opened with the certificate asks for nothing, and ID and password log on again, as after a reissue.
 */
class RevocationLogonIT extends ControlledContext {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Sakura-Pass-47";

    @Test
    void afterARevocationNeitherTheCertificateNorItsWaitingRenewalLogsOnAndIdAndPasswordDoAgain() throws Exception {
        String contract = registeredUser("U301", PASSWORD);
        IssuedForTest current = issued(contract, "U301", RequestKind.NEW, null, null, false);
        String session =
                json(certificateLogon(current, PASSWORD)).path("accessToken").asString();
        IssuedForTest renewal = issued(contract, "U301", RequestKind.RENEWAL, session, current.serial(), true);
        assertProblem(userLogon(contract, "U301", PASSWORD), 401, "UNAUTHENTICATED"); // holds a certificate

        for (IssuedForTest certificate : new IssuedForTest[] {current, renewal}) {
            publish(new CertificateRevoked(
                    certificate.serial(), contract, "U301", RevocationReason.KEY_COMPROMISE, CLOCK.instant()));
        }

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U301", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        assertProblem(certificateLogon(current, PASSWORD), 401, "UNAUTHENTICATED");
        assertProblem(certificateLogon(renewal, PASSWORD), 401, "UNAUTHENTICATED");
        assertProblem(
                post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), session),
                401,
                "UNAUTHENTICATED");
    }

    @Test
    void aRevocationOrderEndsTheSessionsOpenedWithTheCertificateWhateverTheReason() throws Exception {
        String contract = registeredUser("U302", PASSWORD);
        IssuedForTest current = issued(contract, "U302", RequestKind.NEW, null, null, false);
        String session =
                json(certificateLogon(current, PASSWORD)).path("accessToken").asString();

        // superseded, whose CertificateRevoked alone ends no session (it is also the normal end of a renewal)
        publish(new CertificatesRevocationOrdered(
                contract, "U302", RevocationReason.SUPERSEDED, "A001", CLOCK.instant()));

        await().atMost(WAIT)
                .untilAsserted(() -> assertProblem(
                        post("/api/v1/certificate-requests", Map.of("csr", Csrs.csrPem(Csrs.p256())), session),
                        401,
                        "UNAUTHENTICATED"));
    }

    /** A certificate issuance-service issued for a request made with ID and password, or from {@code session}. */
    private IssuedForTest issued(
            String contract, String userId, RequestKind kind, String session, String replaces, boolean waits)
            throws Exception {
        KeyPair key = Csrs.p256();
        Map<String, Object> body = new HashMap<>(Map.of("csr", Csrs.csrPem(key)));
        if (session == null) {
            body.putAll(Map.of("contractId", contract, "userId", userId, "password", PASSWORD));
        }
        String requestId = json(post("/api/v1/certificate-requests", body, session))
                .path("requestId")
                .asString();
        return answerWithCertificate(
                requestId, key, contract, userId, kind, replaces, waits, Duration.ofDays(40), null);
    }
}

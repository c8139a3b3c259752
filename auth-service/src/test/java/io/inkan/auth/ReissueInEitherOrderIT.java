package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.certificate.CertificateBook;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An administrator's reissue (初期化) reaches auth-service on the administrators' topic; issuance-service's
 * revocation of the old certificate and the certificate it then issues come on its own topic. The two topics
 * have no order between them, so either may arrive first. In both orders the customer's new certificate
 * logs on over mutual TLS and the old one does not: the certificates' states are issuance-service's alone,
 * and the ID and password logon the reissue allows ends with the certificate issued for it, whichever
 * arrived first.
 */
class ReissueInEitherOrderIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Tsubaki-Pass-58";

    @Autowired
    CertificateBook book;

    @Test
    void reissueThenRevocationThenTheNewCertificate() throws Exception {
        String contract = registeredUser("U201", PASSWORD);
        IssuedForTest old = holdsACertificate(contract, "U201", "ISSUANCE-1");
        CLOCK.advance(Duration.ofMinutes(1)); // the customer lost the PC some time later
        Instant reissuedAt = CLOCK.instant();

        publish(reissue(contract, "U201", "REISSUE-1", reissuedAt));
        // the reissue opens ID and password at once, before issuance-service's revocation arrives
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U201", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));
        publish(new CertificateRevoked(
                old.serial(), contract, "U201", RevocationReason.KEY_COMPROMISE, CLOCK.instant()));
        CLOCK.advance(Duration.ofSeconds(5)); // the customer installs the new PC and asks
        IssuedForTest renewed = newCertificateFor(contract, "U201", "REISSUE-1", old.serial());

        assertThat(certificateLogon(renewed, PASSWORD).status()).isEqualTo(200);
        assertProblem(certificateLogon(old, PASSWORD), 401, "UNAUTHENTICATED");
        assertProblem(userLogon(contract, "U201", PASSWORD), 401, "UNAUTHENTICATED");
    }

    @Test
    void theNewCertificateAndTheRevocationBeforeTheReissue() throws Exception {
        String contract = registeredUser("U202", PASSWORD);
        IssuedForTest old = holdsACertificate(contract, "U202", "ISSUANCE-2");
        CLOCK.advance(Duration.ofMinutes(1));
        Instant reissuedAt = CLOCK.instant();
        // issuance-service applied the reissue, revoked the old certificate and issued the new one while the
        // administrators' topic lagged behind at auth-service
        publish(new CertificateRevoked(
                old.serial(), contract, "U202", RevocationReason.KEY_COMPROMISE, CLOCK.instant()));
        CLOCK.advance(Duration.ofSeconds(5));
        IssuedForTest renewed = newCertificateFor(contract, "U202", "REISSUE-2", old.serial());
        assertThat(certificateLogon(renewed, PASSWORD).status()).isEqualTo(200);

        publish(reissue(contract, "U202", "REISSUE-2", reissuedAt));
        await().atMost(WAIT).until(() -> book.holdingOf(contract, "U202").latestReissue() != null);

        assertThat(certificateLogon(renewed, PASSWORD).status())
                .as("the late reissue revokes nothing: its own certificate still logs on")
                .isEqualTo(200);
        assertProblem(certificateLogon(old, PASSWORD), 401, "UNAUTHENTICATED");
        assertProblem(userLogon(contract, "U202", PASSWORD), 401, "UNAUTHENTICATED");
    }

    private static CertificateReissueAuthorized reissue(
            String contract, String userId, String authorizationId, Instant at) {
        return new CertificateReissueAuthorized(
                contract, userId, authorizationId, RevocationReason.KEY_COMPROMISE, "A001", at);
    }

    /** The user's first certificate, issued for the administrator's authorization {@code authorizationId}. */
    private IssuedForTest holdsACertificate(String contract, String userId, String authorizationId) throws Exception {
        IssuedForTest certificate = issued(contract, userId, RequestKind.NEW, authorizationId, null);
        assertThat(certificateLogon(certificate, PASSWORD).status()).isEqualTo(200);
        return certificate;
    }

    /** The certificate issuance-service issues for the reissue: a request with ID and password, then its answer. */
    private IssuedForTest newCertificateFor(String contract, String userId, String reissueId, String replaces)
            throws Exception {
        return issued(contract, userId, RequestKind.REISSUE, reissueId, replaces);
    }

    private IssuedForTest issued(
            String contract, String userId, RequestKind kind, String authorizationId, String replaces)
            throws Exception {
        KeyPair key = Csrs.p256();
        String requestId = passwordRequest(contract, userId, PASSWORD, key);
        return answerWithCertificate(
                requestId, key, contract, userId, kind, replaces, false, Duration.ofDays(40), authorizationId);
    }
}

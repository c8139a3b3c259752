package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.certificate.CertificateBook;
import io.inkan.auth.certificate.CertificateStatus;
import io.inkan.auth.certificate.KnownCertificate;
import io.inkan.events.CertificateExpired;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Whether a renewal waits for its first logon is issuance-service's decision, said in CertificateIssued's
 * {@code awaitingFirstUse}; auth-service shows the state it was told, not one it works out from the kind and
 * the certificate replaced. Events are fed in as issuance-service publishes them.
 */
class RenewalStatesIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Hinoki-Pass-64";

    @Autowired
    CertificateBook book;

    @Test
    void aRenewalWithinThePostExpiryGraceIsTheActiveCertificateAtOnceAsIssuanceServiceSays() throws Exception {
        String contract = registeredUser("U301", PASSWORD);
        IssuedForTest expired = issued(contract, "U301", RequestKind.NEW, null, false);
        publish(new CertificateExpired(expired.serial(), contract, "U301", expired.notAfter()));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U301", PASSWORD)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));

        // ID and password within the grace: issuance-service renews, and the renewal replaces nothing usable
        IssuedForTest renewal = issued(contract, "U301", RequestKind.RENEWAL, expired.serial(), false);

        assertThat(stateOf(contract, "U301", renewal)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(stateOf(contract, "U301", expired)).isEqualTo(CertificateStatus.EXPIRED);
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            var logon = certificateLogon(renewal, PASSWORD);
            assertThat(logon.status()).isEqualTo(200);
            // same user, same partition: a renewal asked for after the logon comes after anything it published
            String marker = json(post(
                            "/api/v1/certificate-requests",
                            Map.of("csr", Csrs.csrPem(Csrs.p256())),
                            json(logon).path("accessToken").asString()))
                    .path("requestId")
                    .asString();
            probe.awaitEvent("io.inkan.CertificateRequested.v1", marker, WAIT);
            assertThat(probe.seen())
                    .as("an active certificate has no first use to announce")
                    .noneMatch(r -> "io.inkan.CertificateActivated.v1".equals(TopicProbe.header(r, "ce_type"))
                            && TopicProbe.value(r).contains(renewal.serial()));
        }
        assertThat(stateOf(contract, "U301", renewal)).isEqualTo(CertificateStatus.ACTIVE);
        assertProblem(userLogon(contract, "U301", PASSWORD), 401, "UNAUTHENTICATED");
    }

    @Test
    void aRenewalIssuanceServiceSaysWaitsStaysBesideTheCurrentCertificateUntilItsFirstLogon() throws Exception {
        String contract = registeredUser("U302", PASSWORD);
        IssuedForTest current = issued(contract, "U302", RequestKind.NEW, null, false);
        IssuedForTest renewal = issued(contract, "U302", RequestKind.RENEWAL, current.serial(), true);

        assertThat(stateOf(contract, "U302", renewal)).isEqualTo(CertificateStatus.AWAITING_FIRST_USE);
        assertThat(certificateLogon(current, PASSWORD).status()).isEqualTo(200);
        assertThat(certificateLogon(renewal, PASSWORD).status()).isEqualTo(200);
        assertThat(stateOf(contract, "U302", renewal)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(stateOf(contract, "U302", current)).isEqualTo(CertificateStatus.SUPERSEDED);
    }

    @Test
    void aRenewalFromAnIssuanceServiceThatDidNotSayWaitsAsItsRenewalsAlwaysDid() throws Exception {
        String contract = registeredUser("U303", PASSWORD);
        IssuedForTest current = issued(contract, "U303", RequestKind.NEW, null, null);
        IssuedForTest renewal = issued(contract, "U303", RequestKind.RENEWAL, current.serial(), null);

        assertThat(stateOf(contract, "U303", current)).isEqualTo(CertificateStatus.ACTIVE);
        assertThat(stateOf(contract, "U303", renewal)).isEqualTo(CertificateStatus.AWAITING_FIRST_USE);
    }

    private CertificateStatus stateOf(String contract, String userId, IssuedForTest certificate) {
        return book.holdingOf(contract, userId).certificates().stream()
                .filter(known -> known.serialNumber().equals(certificate.serial()))
                .map(KnownCertificate::status)
                .findFirst()
                .orElseThrow();
    }

    /** A request with ID and password (its kind is issuance-service's to decide) and issuance-service's answer. */
    private IssuedForTest issued(
            String contract, String userId, RequestKind kind, String replaces, Boolean awaitingFirstUse)
            throws Exception {
        KeyPair key = Csrs.p256();
        String requestId = passwordRequest(contract, userId, PASSWORD, key);
        return answerWithCertificate(
                requestId,
                key,
                contract,
                userId,
                kind,
                replaces,
                awaitingFirstUse,
                awaitingFirstUse == null ? null : Duration.ofDays(40),
                null);
    }
}

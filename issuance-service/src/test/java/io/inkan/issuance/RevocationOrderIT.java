package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AuthorizationLapsed;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.CertificatesRevocationOrdered;
import io.inkan.events.EventTypes;
import io.inkan.events.IssuanceAuthorized;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationCause;
import io.inkan.events.RevocationReason;
import io.inkan.events.UserRemoved;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 失効 and a user who leaves, as a relying party and the user see them: the CRL and OCSP name the certificates
 * revoked with the administrator's reason, nothing new may be issued on an old authorization, and a user who left
 * gets no certificate at all.
 */
class RevocationOrderIT extends IssuanceServiceIT {

    /**
     * The first test moves the shared clock by months (a renewal needs the window); tests of this context that ask
     * {@code openssl} check against the real clock, so the clock is left at the real time for whatever runs next.
     */
    @AfterEach
    void realTime() {
        CLOCK.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void aRevocationOrderRevokesTheCertificateAndItsWaitingRenewalWithTheReasonAndAuthorizesNothing() throws Exception {
        String user = user();
        authorize(user);
        CertificateIssued current = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        CLOCK.advance(Duration.between(CLOCK.instant(), current.notAfter().minus(Period.ofDays(30))));
        CertificateIssued renewal = awaitIssued(request(user, RequestKind.RENEWAL, Csrs.csrPem(Csrs.p256())));
        assertThat(renewal.awaitingFirstUse()).isTrue();
        // an authorization the administrator gave before the PC was lost, not used yet
        String earlier = UUID.randomUUID().toString();
        publish(new IssuanceAuthorized("C001", user, earlier, "admin1", CLOCK.instant()));

        publish(new CertificatesRevocationOrdered(
                "C001", user, RevocationReason.KEY_COMPROMISE, "admin1", CLOCK.instant()));

        for (CertificateIssued certificate : new CertificateIssued[] {current, renewal}) {
            CertificateRevoked revoked = awaitRevoked(certificate.serialNumber());
            assertThat(revoked.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
            assertThat(revoked.cause()).as("the act, for the user's mail").isEqualTo(RevocationCause.REVOCATION_ORDER);
        }
        AuthorizationLapsed voided = CODEC.decode(
                AuthorizationLapsed.class,
                TopicProbe.value(
                        issuanceEvents.awaitEvent(EventTypes.nameOf(AuthorizationLapsed.class), earlier, WAIT)));
        assertThat(voided.userId()).isEqualTo(user);

        X509Certificate issuing = parse(current.chainPem());
        X509CRL crl = crl();
        crl.verify(issuing.getPublicKey());
        for (CertificateIssued certificate : new CertificateIssued[] {current, renewal}) {
            var entry = crl.getRevokedCertificate(new BigInteger(certificate.serialNumber(), 16));
            assertThat(entry).as("CRL entry of %s", certificate.serialNumber()).isNotNull();
            assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
            assertThat(ocspStatus(issuing, certificate).getRevocationReason())
                    .isEqualTo(RevocationReason.KEY_COMPROMISE.code());
        }
        assertThat(certificateAsOperator(current.serialNumber()).body())
                .contains("\"status\":\"REVOKED\"", "\"revocationReason\":\"keyCompromise\"");

        // nothing was authorized: ID and password alone get no certificate, neither does the voided authorization
        String withoutRight = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(withoutRight)));
        CLOCK.advance(Duration.ofSeconds(11));
        assertThat(awaitRejected(withoutRight).reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED);

        // the administrator's new authorization lets the user obtain a certificate again
        authorize(user);
        CertificateIssued next = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        assertThat(next.replacesSerialNumber()).isNull();
        assertThat(ocspStatus(issuing, next)).isNull(); // good
    }

    @Test
    void aRevocationOrderForAUserWithoutACertificateRevokesNothing() {
        String user = user();
        String other = user();
        authorize(other);
        CertificateIssued othersCertificate = awaitIssued(request(other, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        publish(new CertificatesRevocationOrdered("C001", user, RevocationReason.UNSPECIFIED, "op", CLOCK.instant()));
        // a later event of the same user on the same topic shows the order was applied
        authorize(user);
        awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        assertThat(issuanceEvents.drain(Duration.ofSeconds(1)).stream()
                        .filter(r ->
                                EventTypes.nameOf(CertificateRevoked.class).equals(TopicProbe.header(r, "ce_type")))
                        .map(TopicProbe::value))
                .noneMatch(value -> value.contains("\"userId\":\"" + user + "\""))
                .noneMatch(value -> value.contains(othersCertificate.serialNumber()));
    }

    @Test
    void aUserWhoLeftHasTheCertificateRevokedCessationOfOperationAndGetsNoOtherEver() throws Exception {
        String user = user();
        authorize(user);
        CertificateIssued issued = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        // a request already waiting for an authorization when the user is removed
        String held = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(held)));

        publish(new UserRemoved("C001", user, "admin1", CLOCK.instant()));

        CertificateRevoked revoked = awaitRevoked(issued.serialNumber());
        assertThat(revoked.reason()).isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
        assertThat(revoked.cause()).isEqualTo(RevocationCause.USER_REMOVAL);
        assertThat(ocspStatus(parse(issued.chainPem()), issued).getRevocationReason())
                .isEqualTo(RevocationReason.CESSATION_OF_OPERATION.code());
        assertThat(crl().getRevokedCertificate(new BigInteger(issued.serialNumber(), 16))
                        .getRevocationReason())
                .isEqualTo(CRLReason.CESSATION_OF_OPERATION);
        assertThat(awaitRejected(held).reason()).isEqualTo(RejectionReason.USER_REMOVED);

        // even an authorization arriving afterwards (an admin-service that had not seen the removal) issues nothing
        authorize(user);
        var later = awaitRejected(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        assertThat(later.reason()).isEqualTo(RejectionReason.USER_REMOVED);
        assertThat(later.detail()).contains("removed");
        assertThat(awaitRejected(request(user, RequestKind.RENEWAL, Csrs.csrPem(Csrs.p256())))
                        .reason())
                .isEqualTo(RejectionReason.USER_REMOVED);
    }

    private static CertificateRevoked awaitRevoked(String serialNumber) {
        return CODEC.decode(
                CertificateRevoked.class,
                TopicProbe.value(
                        issuanceEvents.awaitEvent(EventTypes.nameOf(CertificateRevoked.class), serialNumber, WAIT)));
    }

    private X509CRL crl() throws Exception {
        HttpResponse<byte[]> response =
                http.send(HttpRequest.newBuilder(url("/crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.body()));
    }

    /** The OCSP answer's status for the certificate: null for good, a RevokedStatus for revoked. */
    private RevokedStatus ocspStatus(X509Certificate issuing, CertificateIssued certificate) throws Exception {
        HttpResponse<byte[]> response = postOcsp(
                ocspRequest(issuing, parse(certificate.certificatePem())).getEncoded());
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        Object status = ((BasicOCSPResp) ocsp.getResponseObject()).getResponses()[0].getCertStatus();
        return (RevokedStatus) status;
    }
}

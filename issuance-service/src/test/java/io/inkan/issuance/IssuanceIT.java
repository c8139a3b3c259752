package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateActivated;
import io.inkan.events.CertificateExpired;
import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.CloudEventHeaders;
import io.inkan.events.EventTypes;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * issuance-service on a real broker and PostgreSQL: events in as auth-service and admin-service would publish them,
 * the outcome on {@code inkan.issuance.events}, and the CA's HTTP face (chain, CRL, OCSP, certificate status).
 * Methods run in order because the later ones move the shared clock by months.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IssuanceIT extends IssuanceServiceIT {
    @Autowired
    MeterRegistry meters;

    @Test
    @Order(1)
    void authorizedUserGetsACertificateOfTheBankProfileThatOpensslAccepts() throws Exception {
        String user = user();
        authorize(user);
        String requestId = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));

        CertificateIssued issued = awaitIssued(requestId);
        X509Certificate certificate = parse(issued.certificatePem());
        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=C001" + user + ",OU=Inkan Bank Internet Banking CA,O=Inkan Bank\\, Ltd.,C=JP");
        assertThat(issued.subject())
                .isEqualTo(certificate.getSubjectX500Principal().getName());
        assertThat(certificate.getSerialNumber().toString(16)).isEqualTo(issued.serialNumber());
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getKeyUsage()[0]).isTrue();
        assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.keyUsage.getId());
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(issued.kind()).isEqualTo(RequestKind.NEW);
        assertThat(issued.replacesSerialNumber()).isNull();
        assertThat(Duration.between(issued.notBefore(), issued.notAfter()).toDays())
                .isBetween(365L, 366L);

        String chain = get("/ca/chain.pem").body();
        assertThat(chain).isEqualTo(issued.chainPem());
        assertThat(chain.split("BEGIN CERTIFICATE")).hasSize(3);
        certificate.verify(parse(chain).getPublicKey()); // the first of the chain is the issuing CA

        assertOpensslVerifies(chain, issued.certificatePem());

        HttpResponse<String> status = certificateAsOperator(issued.serialNumber());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body())
                .contains("\"status\":\"ACTIVE\"", "\"contractId\":\"C001\"", "\"userId\":\"" + user + "\"");
        HttpResponse<String> unknown = certificateAsOperator("abc123");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unknown.body()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    @Order(2)
    void requestWaitsForAnAuthorizationThatArrivesLater() {
        String user = user();
        String requestId = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(requestId)));

        authorize(user);

        assertThat(awaitIssued(requestId).userId()).isEqualTo(user);
    }

    @Test
    @Order(3)
    void requestWithoutAuthorizationIsRejectedOnceThePendingTimeoutPassed() {
        String user = user();
        String requestId = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        await().atMost(WAIT).until(() -> "PENDING".equals(requestStatus(requestId)));

        CLOCK.advance(Duration.ofSeconds(11));

        assertThat(awaitRejected(requestId).reason()).isEqualTo(RejectionReason.NOT_AUTHORIZED);
    }

    @Test
    @Order(4)
    void garbageCsrIsRejectedWithoutUsingTheAuthorizationAndTheNextGoodRequestIsIssued() {
        String user = user();
        authorize(user);
        String garbage = request(user, RequestKind.NEW, "-----BEGIN CERTIFICATE REQUEST-----\nnot a csr\n");
        assertThat(awaitRejected(garbage).reason()).isEqualTo(RejectionReason.INVALID_CSR);

        String good = request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()));
        assertThat(awaitIssued(good).userId()).isEqualTo(user);
    }

    @Test
    @Order(5)
    void sameRequestDeliveredTwiceYieldsOneCertificate() {
        String user = user();
        authorize(user);
        var requested = new CertificateRequested(
                UUID.randomUUID().toString(), "C001", user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()), CLOCK.instant());
        publish(requested, UUID.randomUUID().toString());
        publish(requested, UUID.randomUUID().toString()); // auth-service sent it again, with a new ce_id

        awaitIssued(requested.requestId());
        authorize(user); // a second authorization must not turn the duplicate into a second certificate
        List<ConsumerRecord<String, byte[]>> all = issuanceEvents.drain(Duration.ofSeconds(2));
        assertThat(all.stream()
                        .filter(r -> TopicProbe.value(r).contains(requested.requestId()))
                        .toList())
                .hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM certificate WHERE request_id = ?")
                        .param(requested.requestId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    @Order(6)
    void reissueRevokesTheCurrentCertificateInTheCrlAndOcspThenAllowsOneIssuance() throws Exception {
        String user = user();
        authorize(user);
        CertificateIssued first = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        publish(new CertificateReissueAuthorized(
                "C001",
                user,
                UUID.randomUUID().toString(),
                RevocationReason.KEY_COMPROMISE,
                "admin1",
                CLOCK.instant()));

        CertificateRevoked revoked = CODEC.decode(
                CertificateRevoked.class,
                TopicProbe.value(issuanceEvents.awaitEvent(
                        EventTypes.nameOf(CertificateRevoked.class), first.serialNumber(), WAIT)));
        assertThat(revoked.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);

        HttpResponse<byte[]> crlResponse =
                http.send(HttpRequest.newBuilder(url("/crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crlResponse.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
        X509CRL crl = (X509CRL)
                CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crlResponse.body()));
        X509Certificate issuing = parse(first.chainPem());
        crl.verify(issuing.getPublicKey());
        X509CRLEntry entry = crl.getRevokedCertificate(new BigInteger(first.serialNumber(), 16));
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
        assertThat(crl.getExtensionValue(Extension.cRLNumber.getId())).isNotNull();

        X509Certificate certificate = parse(first.certificatePem());
        BasicOCSPResp ocsp = ocsp(certificate, issuing);
        assertThat(ocsp.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) ocsp.getResponses()[0].getCertStatus()).getRevocationReason())
                .isEqualTo(RevocationReason.KEY_COMPROMISE.code());
        assertOpensslOcspSays("revoked", first.chainPem(), first.certificatePem());

        assertThat(certificateAsOperator(first.serialNumber()).body())
                .contains("\"status\":\"REVOKED\"", "\"revocationReason\":\"keyCompromise\"");

        CertificateIssued reissued = awaitIssued(request(user, RequestKind.REISSUE, Csrs.csrPem(Csrs.p256())));
        assertThat(reissued.kind()).isEqualTo(RequestKind.REISSUE);
        assertThat(ocsp(parse(reissued.certificatePem()), issuing)
                        .getResponses()[0]
                        .getCertStatus())
                .isNull(); // good
    }

    @Test
    @Order(7)
    void aRecordWithAMissingFieldGoesToTheDeadLetterTopicAndTheNextRequestIsIssued() throws Exception {
        String user = user();
        String json = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"contractId\":\"C001\",\"userId\":\"" + user
                + "\",\"kind\":\"NEW\",\"requestedAt\":\"" + CLOCK.instant() + "\"}"; // no csrPem
        var record =
                new ProducerRecord<String, byte[]>(Topics.AUTH, "C001:" + user, json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, bytes(EventTypes.nameOf(CertificateRequested.class)));
        record.headers().add(CloudEventHeaders.ID, bytes(UUID.randomUUID().toString()));
        send(record);

        try (TopicProbe deadLetters = new TopicProbe(brokers, Topics.deadLetter(Topics.AUTH))) {
            deadLetters.await(r -> TopicProbe.value(r).contains(user), WAIT);
        }
        authorize(user);
        assertThat(awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())))
                        .userId())
                .isEqualTo(user);
    }

    @Test
    @Order(8)
    void aReusedKeyIsRefused() {
        String user = user();
        KeyPair keys = Csrs.p256();
        authorize(user);
        awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(keys)));

        String other = user();
        authorize(other);
        assertThat(awaitRejected(request(other, RequestKind.NEW, Csrs.csrPem(keys)))
                        .reason())
                .isEqualTo(RejectionReason.KEY_REUSED);
    }

    @Test
    @Order(100)
    void aRenewalInTheWindowReplacesTheOldCertificateOnlyWhenFirstUsed() {
        String user = user();
        authorize(user);
        CertificateIssued old = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));

        assertThat(awaitRejected(request(user, RequestKind.RENEWAL, Csrs.csrPem(Csrs.p256())))
                        .reason())
                .isEqualTo(RejectionReason.RENEWAL_TOO_EARLY);

        CLOCK.set(old.notAfter().minus(Period.ofDays(30)));
        CertificateIssued renewal = awaitIssued(request(user, RequestKind.RENEWAL, Csrs.csrPem(Csrs.p256())));
        assertThat(renewal.kind()).isEqualTo(RequestKind.RENEWAL);
        assertThat(renewal.replacesSerialNumber()).isEqualTo(old.serialNumber());
        assertThat(certificateAsOperator(old.serialNumber()).body()).contains("\"status\":\"ACTIVE\"");

        publish(new CertificateActivated("C001", user, renewal.serialNumber(), old.serialNumber(), CLOCK.instant()));

        CertificateRevoked superseded = CODEC.decode(
                CertificateRevoked.class,
                TopicProbe.value(issuanceEvents.awaitEvent(
                        EventTypes.nameOf(CertificateRevoked.class), old.serialNumber(), WAIT)));
        assertThat(superseded.reason()).isEqualTo(RevocationReason.SUPERSEDED);
        assertThat(certificateAsOperator(renewal.serialNumber()).body()).contains("\"status\":\"ACTIVE\"");
    }

    @Test
    @Order(101)
    void aCertificateExpiresAtNotAfter() {
        String user = user();
        authorize(user);
        CertificateIssued issued = awaitIssued(request(user, RequestKind.NEW, Csrs.csrPem(Csrs.p256())));
        double expiredBefore =
                meters.get("inkan.certificates.expired").counter().count();

        CLOCK.set(issued.notAfter().plusSeconds(1));

        CertificateExpired expired = CODEC.decode(
                CertificateExpired.class,
                TopicProbe.value(issuanceEvents.awaitEvent(
                        EventTypes.nameOf(CertificateExpired.class), issued.serialNumber(), WAIT)));
        assertThat(expired.notAfter()).isEqualTo(issued.notAfter());
        assertThat(certificateAsOperator(issued.serialNumber()).body()).contains("\"status\":\"EXPIRED\"");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(meters.get("inkan.certificates.expired")
                                .counter()
                                .count())
                        .as("inkan_certificates_expired_total")
                        .isGreaterThanOrEqualTo(expiredBefore + 1));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private BasicOCSPResp ocsp(X509Certificate certificate, X509Certificate issuing) throws Exception {
        byte[] nonce = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        var id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuing),
                certificate.getSerialNumber());
        var request = new OCSPReqBuilder()
                .addRequest(id)
                .setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))))
                .build();
        HttpResponse<byte[]> response = postOcsp(request.getEncoded());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/ocsp-response");
        OCSPResp ocsp = new OCSPResp(response.body());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuing.getPublicKey())))
                .isTrue();
        // answers are signed once per certificate state and shared, so a nonce is ignored (RFC 5019 §4), not echoed
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)).isNull();
        return basic;
    }

    private static void assertOpensslVerifies(String chainPem, String certificatePem) throws Exception {
        if (!opensslPresent()) {
            return;
        }
        Path dir = Files.createTempDirectory("openssl-verify");
        Path chain = Files.writeString(dir.resolve("chain.pem"), chainPem);
        Path certificate = Files.writeString(dir.resolve("user.pem"), certificatePem);
        String output = run(
                "/usr/bin/openssl",
                "verify",
                "-purpose",
                "sslclient",
                "-CAfile",
                chain.toString(),
                certificate.toString());
        assertThat(output).contains(certificate + ": OK");
    }
}

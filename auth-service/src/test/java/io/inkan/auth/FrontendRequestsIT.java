package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.auth.testing.Envelopes;
import io.inkan.auth.testing.Envelopes.Oaep;
import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Front ends over Kafka (issue 8, item 1): sealed submissions on {@code inkan.frontend.requests}. */
class FrontendRequestsIT extends IntegrationTestBase {
    /**
     * The shared context runs on the machine's clock (the base's movable {@code CLOCK} is not its bean, and other
     * tests move it), so seals are dated by the clock the service checks them against.
     */
    private static final java.time.Clock SERVICE_TIME = java.time.Clock.systemUTC();

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Kaede-Front-55";

    private static byte[] credentials(
            String requestId, Instant sealedAt, String contract, String user, String password) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", requestId);
        json.put("sealedAt", sealedAt.toString());
        json.put("contractId", contract);
        json.put("userId", user);
        json.put("password", password);
        return JSON.writeValueAsBytes(json);
    }

    private void submit(String requestId, String sealed, String csr) {
        CertificateRequestSubmitted submission =
                new CertificateRequestSubmitted(requestId, sealed, csr, SERVICE_TIME.instant());
        // as a plain front end might: without ce_id, so a replay is a new record, not a redelivery
        send(Topics.FRONTEND_REQUESTS, requestId, CODEC.encode(submission), "io.inkan.CertificateRequestSubmitted.v1");
    }

    private static String refusalReason(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value()).path("reason").asString();
    }

    @Test
    void aSealedSubmissionWithGoodCredentialsBecomesARequestAndAReplayIsRefused() throws Exception {
        String contract = registeredUser("U001", PASSWORD);
        String requestId = UUID.randomUUID().toString();
        String sealed = Envelopes.authEnveloped(
                credentials(requestId, SERVICE_TIME.instant(), contract, "U001", PASSWORD),
                sealingCertificate(),
                Oaep.SHA256);

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            submit(requestId, sealed, Csrs.csrPem(Csrs.p256()));

            var requested = probe.awaitEvent("io.inkan.CertificateRequested.v1", requestId, WAIT);
            assertThat(requested.key()).isEqualTo(contract + ":U001");
            assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                            .path("status")
                            .asString())
                    .isEqualTo("PENDING");

            submit(requestId, sealed, Csrs.csrPem(Csrs.p256()));

            var refused = probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", requestId, WAIT);
            assertThat(refusalReason(refused)).isEqualTo("REPLAYED");
        }
        assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void aWrongPasswordIsRefusedAndCountsTowardLockOut() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                String requestId = UUID.randomUUID().toString();
                submit(
                        requestId,
                        Envelopes.authEnveloped(
                                credentials(requestId, SERVICE_TIME.instant(), contract, "U002", "wrong-" + attempt),
                                sealingCertificate(),
                                Oaep.SHA1),
                        Csrs.csrPem(Csrs.p256()));
                var refused = probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", requestId, WAIT);
                assertThat(refusalReason(refused)).isEqualTo("UNAUTHENTICATED");
                assertThat(json(get("/api/v1/certificate-requests/" + requestId))
                                .path("status")
                                .asString())
                        .isEqualTo("REJECTED");
            }
        }
        // The same counter as over HTTP: the fifth failure locked, so the right password gets 423 there
        // and a further submission is refused LOCKED.
        assertProblem(userLogon(contract, "U002", PASSWORD), 423, "LOCKED");
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            String requestId = UUID.randomUUID().toString();
            submit(
                    requestId,
                    Envelopes.authEnveloped(
                            credentials(requestId, SERVICE_TIME.instant(), contract, "U002", PASSWORD),
                            sealingCertificate(),
                            Oaep.SHA1),
                    Csrs.csrPem(Csrs.p256()));
            var refused = probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", requestId, WAIT);
            assertThat(refusalReason(refused)).isEqualTo("LOCKED");
        }
    }

    @Test
    void anEnvelopeForAnotherKeyAStaleSealAndAForeignRequestIdAreRefusedWithoutStoppingTheConsumer() throws Exception {
        String contract = registeredUser("U003", PASSWORD);
        var other = Envelopes.certificate(Csrs.pem(otherCertificate()));
        String forOtherKey = UUID.randomUUID().toString();
        String stale = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            submit(
                    forOtherKey,
                    Envelopes.seal(
                            new String(
                                    credentials(forOtherKey, SERVICE_TIME.instant(), contract, "U003", PASSWORD),
                                    StandardCharsets.UTF_8),
                            other),
                    Csrs.csrPem(Csrs.p256()));
            submit(
                    stale,
                    Envelopes.authEnveloped(
                            credentials(
                                    stale,
                                    SERVICE_TIME.instant().minus(Duration.ofMinutes(6)),
                                    contract,
                                    "U003",
                                    PASSWORD),
                            sealingCertificate(),
                            Oaep.SHA256),
                    Csrs.csrPem(Csrs.p256()));
            submit(
                    foreign,
                    Envelopes.authEnveloped(
                            credentials(
                                    UUID.randomUUID().toString(), SERVICE_TIME.instant(), contract, "U003", PASSWORD),
                            sealingCertificate(),
                            Oaep.SHA256),
                    Csrs.csrPem(Csrs.p256()));
            submit(
                    good,
                    Envelopes.authEnveloped(
                            credentials(good, SERVICE_TIME.instant(), contract, "U003", PASSWORD),
                            sealingCertificate(),
                            Oaep.SHA256),
                    "-----BEGIN CERTIFICATE REQUEST-----\nAA==\n-----END CERTIFICATE REQUEST-----\n");

            assertThat(refusalReason(probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", forOtherKey, WAIT)))
                    .isEqualTo("UNAUTHENTICATED");
            assertThat(refusalReason(probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", stale, WAIT)))
                    .isEqualTo("REPLAYED");
            assertThat(refusalReason(probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", foreign, WAIT)))
                    .isEqualTo("REPLAYED");
            assertThat(refusalReason(probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", good, WAIT)))
                    .isEqualTo("INVALID_CSR");
        }
    }

    @Test
    void opensWhatOpensslCmsEncryptMakes() throws Exception {
        String contract = registeredUser("U004", PASSWORD);
        String requestId = UUID.randomUUID().toString();
        String sealed = Envelopes.sealWithOpenssl(
                credentials(requestId, SERVICE_TIME.instant(), contract, "U004", PASSWORD),
                get("/api/v1/sealing-certificate").getResponse().getContentAsString());

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            submit(requestId, sealed, Csrs.csrPem(Csrs.p256()));

            probe.awaitEvent("io.inkan.CertificateRequested.v1", requestId, WAIT);
        }
    }

    @Test
    void theRightPasswordSealedWithoutIntegrityOrWithPkcs1OpensNothing() throws Exception {
        // Plain EnvelopedData (AES-CBC) can be altered in transit unnoticed, and PKCS#1 v1.5 key transport is a
        // padding oracle: auth-service opens neither, even when what is inside is right.
        String contract = registeredUser("U005", PASSWORD);
        String cbc = UUID.randomUUID().toString();
        String pkcs1 = UUID.randomUUID().toString();
        String good = UUID.randomUUID().toString();

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            submit(
                    cbc,
                    Envelopes.opensslCms(
                            credentials(cbc, SERVICE_TIME.instant(), contract, "U005", PASSWORD),
                            sealingCertificatePem(),
                            "-aes-256-cbc",
                            "-keyopt",
                            "rsa_padding_mode:oaep"),
                    Csrs.csrPem(Csrs.p256()));
            submit(
                    pkcs1,
                    Envelopes.authEnvelopedWithPkcs1(
                            credentials(pkcs1, SERVICE_TIME.instant(), contract, "U005", PASSWORD),
                            sealingCertificate()),
                    Csrs.csrPem(Csrs.p256()));
            submit(
                    good,
                    Envelopes.sealWithOpenssl(
                            credentials(good, SERVICE_TIME.instant(), contract, "U005", PASSWORD),
                            sealingCertificatePem()),
                    Csrs.csrPem(Csrs.p256()));

            assertThat(refusalReason(probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", cbc, WAIT)))
                    .isEqualTo("UNAUTHENTICATED");
            assertThat(refusalReason(probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", pkcs1, WAIT)))
                    .isEqualTo("UNAUTHENTICATED");
            probe.awaitEvent("io.inkan.CertificateRequested.v1", good, WAIT);
        }
        for (String refused : new String[] {cbc, pkcs1}) {
            assertThat(json(get("/api/v1/certificate-requests/" + refused))
                            .path("status")
                            .asString())
                    .isEqualTo("REJECTED");
        }
    }

    private String sealingCertificatePem() throws Exception {
        return get("/api/v1/sealing-certificate").getResponse().getContentAsString();
    }

    private static java.security.cert.X509Certificate otherCertificate() throws Exception {
        var key = Csrs.rsa(2048);
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=someone else");
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                .getCertificate(new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                                name,
                                java.math.BigInteger.valueOf(7),
                                java.util.Date.from(SERVICE_TIME.instant().minusSeconds(60)),
                                java.util.Date.from(SERVICE_TIME.instant().plusSeconds(86400)),
                                name,
                                key.getPublic())
                        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                                .build(key.getPrivate())));
    }
}

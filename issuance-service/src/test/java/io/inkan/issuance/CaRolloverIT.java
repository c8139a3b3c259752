package io.inkan.issuance;

import static io.inkan.issuance.IssuanceInstance.awaitIssued;
import static io.inkan.issuance.IssuanceInstance.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateReissueAuthorized;
import io.inkan.events.CertificateRequested;
import io.inkan.events.CertificateRevoked;
import io.inkan.events.EventTypes;
import io.inkan.events.RequestKind;
import io.inkan.events.RevocationReason;
import io.inkan.events.Topics;
import io.inkan.issuance.authority.TestCa;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import io.inkan.testsupport.TestTokens;
import io.inkan.testsupport.TopicProbe;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * An operator rolls the database CA to a new issuing CA under the same root, as a bank does before its issuing CA nears
 * its end, with two instances of the service on one PostgreSQL database: new certificates, from either instance, are
 * signed by the new CA; the served chain grows and both old and new certificates verify against it (Java PKIX and
 * {@code openssl verify}); an old certificate revoked after the roll shows in the old CA's CRL and OCSP answers, signed
 * by the old CA, at the address the old certificate names. Only an operator can roll.
 */
class CaRolloverIT {
    private static final Map<String, String> DEFAULT_CA =
            Map.of(TestKeys.ENCRYPTION_KEY_PROPERTY, TestKeys.ENCRYPTION_KEY);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BASE = "http://issuance.inkan.test";

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = IssuanceInstance.broker();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void afterARollNewCertificatesComeFromTheNewCaAndTheOldCaKeepsAnsweringForItsOwn() throws Exception {
        String brokers = broker.getBrokersAsString();
        String database = Postgres.freshDatabase("issuance_ca_rollover");
        IssuanceInstance a = IssuanceInstance.start(brokers, database, DEFAULT_CA);
        IssuanceInstance c = null;
        try (IssuanceInstance b = IssuanceInstance.start(brokers, database, DEFAULT_CA);
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            List<X509Certificate> before = certificates(a.chainPem());
            X509Certificate oldCa = before.get(0);
            X509Certificate root = before.get(1);
            CertificateIssued oldIssued = awaitIssued(issuanceEvents, request(producer, "old"));
            X509Certificate oldCertificate = parse(oldIssued.certificatePem());
            oldCertificate.verify(oldCa.getPublicKey());

            // Only an operator rolls: an administrator's token and no token at all are turned away, nothing changes.
            assertThat(rollover(a, TestTokens.get().administrator("C001", "kanri", Instant.now()))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(rollover(a, null).statusCode()).isEqualTo(401);
            assertThat(b.chainPem()).isEqualTo(a.chainPem());
            assertThat(certificates(a.chainPem())).hasSize(2);

            HttpResponse<String> rolled = rollover(a, TestTokens.get().operator("operator", Instant.now()));
            assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(201);
            assertThat(rolled.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(rolled.body()).contains(keyId(oldCa)).doesNotContain("PRIVATE");

            // The chain grows: the new issuing CA first, then the old one, then the root.
            String chainPem = a.chainPem();
            List<X509Certificate> chain = certificates(chainPem);
            assertThat(chain).hasSize(3);
            X509Certificate newCa = chain.get(0);
            assertThat(chain.get(1)).isEqualTo(oldCa);
            assertThat(chain.get(2)).isEqualTo(root);
            assertThat(newCa).isNotEqualTo(oldCa);
            assertThat(newCa.getPublicKey()).isNotEqualTo(oldCa.getPublicKey());
            newCa.verify(root.getPublicKey());
            assertThat(rolled.body()).contains(keyId(newCa));

            // a goes away: b, which started before the roll and has not been asked anything since, takes every
            // request, and signs each with the new CA and names the new CA's CRL in it.
            a.close();
            List<X509Certificate> newCertificates = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                requests.add(request(producer, "new" + i));
            }
            for (String requestId : requests) {
                CertificateIssued issued = awaitIssued(issuanceEvents, requestId);
                X509Certificate certificate = parse(issued.certificatePem());
                certificate.verify(newCa.getPublicKey());
                assertThat(certificate.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
                assertThat(certificates(issued.chainPem())).containsExactly(newCa, root);
                assertThat(crlDistributionPoint(certificate)).isEqualTo(BASE + "/ca/crl/" + keyId(newCa) + ".crl");
                newCertificates.add(certificate);
            }
            assertThat(crlDistributionPoint(oldCertificate)).isEqualTo(BASE + "/crl");
            assertThat(b.chainPem()).isEqualTo(chainPem);

            // Old and new verify against the served chain, trusting only its root.
            Path dir = Files.createTempDirectory("rollover");
            Path chainFile = IssuanceInstance.write(dir, "chain.pem", chainPem);
            for (X509Certificate certificate : List.of(oldCertificate, newCertificates.getFirst())) {
                assertThat(pkixPath(certificate, chain, root).getTrustAnchor().getTrustedCert())
                        .isEqualTo(root);
                Path file = IssuanceInstance.write(
                        dir, certificate.getSerialNumber().toString(16) + ".pem", pem(certificate));
                assertThat(IssuanceInstance.run("openssl", "verify", "-CAfile", chainFile.toString(), file.toString()))
                        .contains(": OK");
            }

            // An instance started after the roll serves the same chain.
            c = IssuanceInstance.start(brokers, database, DEFAULT_CA);
            assertThat(c.chainPem()).isEqualTo(chainPem);

            // The old certificate is revoked after the roll: its CA, not the new one, publishes it, on every instance.
            CertificateRevoked revoked = revoke(producer, issuanceEvents, oldIssued);
            assertThat(revoked.serialNumber()).isEqualTo(oldIssued.serialNumber());
            BigInteger oldSerial = oldCertificate.getSerialNumber();
            for (IssuanceInstance instance : List.of(b, c)) {
                for (String path : List.of("/crl", "/ca/crl/" + keyId(oldCa) + ".crl")) {
                    X509CRL crl = crl(instance.get(path));
                    assertThat(crl.getIssuerX500Principal()).isEqualTo(oldCa.getSubjectX500Principal());
                    crl.verify(oldCa.getPublicKey());
                    assertThat(crl.getRevokedCertificate(oldSerial)).as(path).isNotNull();
                }
                X509CRL newCrl = crl(instance.get("/ca/crl/" + keyId(newCa) + ".crl"));
                newCrl.verify(newCa.getPublicKey());
                assertThat(newCrl.getIssuerX500Principal()).isEqualTo(newCa.getSubjectX500Principal());
                assertThat(newCrl.getRevokedCertificate(oldSerial)).isNull();

                BasicOCSPResp oldAnswer = ocsp(instance, oldCa, oldCertificate);
                assertThat(oldAnswer.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
                assertThat(oldAnswer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(oldCa)))
                        .isTrue();
                BasicOCSPResp newAnswer = ocsp(instance, newCa, newCertificates.getFirst());
                assertThat(newAnswer.getResponses()[0].getCertStatus()).isNull(); // good
                assertThat(newAnswer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(newCa)))
                        .isTrue();
            }
            // Asking the new CA about the old certificate is not answered for it: the new CA never issued it.
            assertThat(ocspStatus(b, newCa, oldCertificate)).isEqualTo(OCSPResp.UNAUTHORIZED);
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(b.url("/ca/crl/" + "00".repeat(20) + ".crl"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(404);
        } finally {
            a.close();
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aBanksCaRollsByConfigurationAndItsCertificatesFromBeforeKeepTheirCrlAndOcsp() throws Exception {
        String brokers = broker.getBrokersAsString();
        String database = Postgres.freshDatabase("issuance_configured_rollover");
        Path dir = Files.createTempDirectory("bank-ca-rollover");
        TestCa first = TestCa.generate(Instant.now());
        Path firstKeystore = dir.resolve("first.p12");
        first.writePkcs12(firstKeystore, "first-password".toCharArray(), "issuing");
        // The bank brings its next issuing CA under a new root of its own.
        TestCa next = TestCa.generate(Instant.now());
        Path nextKeystore = dir.resolve("next.p12");
        next.writePkcs12(nextKeystore, "next-password".toCharArray(), "issuing");

        CertificateIssued oldIssued;
        BigInteger crlNumberBefore;
        try (IssuanceInstance before = IssuanceInstance.start(
                        brokers,
                        database,
                        Map.of(
                                "inkan.ca.keystore",
                                firstKeystore.toString(),
                                "inkan.ca.keystore-password",
                                "first-password"));
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            oldIssued = awaitIssued(issuanceEvents, request(producer, "old"));
            crlNumberBefore = crlNumber(crl(before.get("/crl")));
            // A bank's CA is not rolled over HTTP: the operator is told how instead.
            HttpResponse<String> refused = rollover(before, TestTokens.get().operator("operator", Instant.now()));
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("CA_CONFIGURED").contains("inkan.ca.retired");
        }
        // As a database from before each certificate's signer was recorded: one CA, one CRL, nobody's.
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database, Postgres.USER, Postgres.PASSWORD));
        jdbc.sql("UPDATE certificate SET issuer_key_id = NULL").update();
        jdbc.sql("UPDATE crl SET issuer_key_id = NULL").update();

        X509Certificate oldCertificate = parse(oldIssued.certificatePem());
        try (IssuanceInstance after = IssuanceInstance.start(
                        brokers,
                        database,
                        Map.of(
                                "inkan.ca.keystore",
                                nextKeystore.toString(),
                                "inkan.ca.keystore-password",
                                "next-password",
                                "inkan.ca.retired[0].keystore",
                                firstKeystore.toString(),
                                "inkan.ca.retired[0].keystore-password",
                                "first-password"));
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            String chainPem = after.chainPem();
            assertThat(certificates(chainPem))
                    .containsExactly(next.issuing(), first.issuing(), next.root(), first.root());

            CertificateIssued newIssued = awaitIssued(issuanceEvents, request(producer, "new"));
            X509Certificate newCertificate = parse(newIssued.certificatePem());
            newCertificate.verify(next.issuing().getPublicKey());
            assertThat(crlDistributionPoint(newCertificate))
                    .isEqualTo(BASE + "/ca/crl/" + keyId(next.issuing()) + ".crl");
            Path chainFile = IssuanceInstance.write(dir, "chain.pem", chainPem);
            for (X509Certificate certificate : List.of(oldCertificate, newCertificate)) {
                Path file = IssuanceInstance.write(
                        dir, certificate.getSerialNumber().toString(16) + ".pem", pem(certificate));
                assertThat(IssuanceInstance.run("openssl", "verify", "-CAfile", chainFile.toString(), file.toString()))
                        .contains(": OK");
            }

            revoke(producer, issuanceEvents, oldIssued);
            X509CRL oldCrl = crl(after.get("/crl"));
            oldCrl.verify(first.issuing().getPublicKey());
            assertThat(oldCrl.getRevokedCertificate(oldCertificate.getSerialNumber()))
                    .isNotNull();
            // the first CA's CRL numbers go on rising across the upgrade and the roll
            assertThat(crlNumber(oldCrl)).isGreaterThan(crlNumberBefore);
            X509CRL newCrl = crl(after.get("/ca/crl/" + keyId(next.issuing()) + ".crl"));
            newCrl.verify(next.issuing().getPublicKey());
            assertThat(newCrl.getRevokedCertificate(oldCertificate.getSerialNumber()))
                    .isNull();
            BasicOCSPResp answer = ocsp(after, first.issuing(), oldCertificate);
            assertThat(answer.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
            assertThat(answer.isSignatureValid(new JcaContentVerifierProviderBuilder().build(first.issuing())))
                    .isTrue();
        }
    }

    private static BigInteger crlNumber(X509CRL crl) {
        return org.bouncycastle.asn1.ASN1Integer.getInstance(
                        ASN1OctetString.getInstance(crl.getExtensionValue(Extension.cRLNumber.getId()))
                                .getOctets())
                .getValue();
    }

    private static String request(KafkaProducer<String, byte[]> producer, String name) throws Exception {
        String user = name + UUID.randomUUID().toString().substring(0, 8);
        String requestId = UUID.randomUUID().toString();
        IssuanceInstance.publish(
                producer,
                new CertificateRequested(
                        requestId, "C001", user, RequestKind.NEW, Csrs.csrPem(Csrs.p256()), Instant.now()));
        return requestId;
    }

    private static CertificateRevoked revoke(
            KafkaProducer<String, byte[]> producer, TopicProbe issuanceEvents, CertificateIssued issued)
            throws Exception {
        IssuanceInstance.publish(
                producer,
                new CertificateReissueAuthorized(
                        issued.contractId(),
                        issued.userId(),
                        UUID.randomUUID().toString(),
                        RevocationReason.KEY_COMPROMISE,
                        "admin1",
                        Instant.now()));
        return new io.inkan.events.EventCodec()
                .decode(
                        CertificateRevoked.class,
                        TopicProbe.value(issuanceEvents.awaitEvent(
                                EventTypes.nameOf(CertificateRevoked.class),
                                issued.serialNumber(),
                                IssuanceInstance.WAIT)));
    }

    private static HttpResponse<String> rollover(IssuanceInstance instance, String token) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(instance.url("/api/v1/ca/rollover")).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Java PKIX, as a relying party builds it: the served chain as intermediates, the root alone trusted. */
    private static PKIXCertPathBuilderResult pkixPath(
            X509Certificate certificate, List<X509Certificate> chain, X509Certificate root) throws Exception {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(certificate);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
        parameters.setRevocationEnabled(false);
        List<Object> store = new ArrayList<>(chain);
        store.add(certificate);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
        PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult)
                java.security.cert.CertPathBuilder.getInstance("PKIX").build(parameters);
        CertPathValidator.getInstance("PKIX").validate(result.getCertPath(), parameters);
        return result;
    }

    private static BasicOCSPResp ocsp(IssuanceInstance instance, X509Certificate issuer, X509Certificate certificate)
            throws Exception {
        OCSPResp answer = new OCSPResp(ocspBody(instance, issuer, certificate));
        assertThat(answer.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        return (BasicOCSPResp) answer.getResponseObject();
    }

    private static int ocspStatus(IssuanceInstance instance, X509Certificate issuer, X509Certificate certificate)
            throws Exception {
        return new OCSPResp(ocspBody(instance, issuer, certificate)).getStatus();
    }

    private static byte[] ocspBody(IssuanceInstance instance, X509Certificate issuer, X509Certificate certificate)
            throws Exception {
        byte[] request = new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuer),
                        certificate.getSerialNumber()))
                .build()
                .getEncoded();
        return HTTP.send(
                        HttpRequest.newBuilder(instance.url("/ocsp"))
                                .header("Content-Type", "application/ocsp-request")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static String crlDistributionPoint(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        CRLDistPoint points =
                CRLDistPoint.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        GeneralName name = GeneralNames.getInstance(
                        points.getDistributionPoints()[0].getDistributionPoint().getName())
                .getNames()[0];
        return name.getName().toString();
    }

    /** The SHA-1 of the CA's public key bits, as an OCSP CertID's issuerKeyHash. */
    static String keyId(X509Certificate ca) throws Exception {
        byte[] bits = SubjectPublicKeyInfo.getInstance(ca.getPublicKey().getEncoded())
                .getPublicKeyData()
                .getBytes();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bits));
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .stream()
                .map(X509Certificate.class::cast)
                .toList();
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}

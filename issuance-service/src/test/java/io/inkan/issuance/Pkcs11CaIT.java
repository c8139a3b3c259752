package io.inkan.issuance;

import static io.inkan.issuance.IssuanceInstance.awaitIssued;
import static io.inkan.issuance.IssuanceInstance.failureToStart;
import static io.inkan.issuance.IssuanceInstance.messages;
import static io.inkan.issuance.IssuanceInstance.run;
import static io.inkan.issuance.IssuanceInstance.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateIssued;
import io.inkan.events.Topics;
import io.inkan.issuance.authority.TestCa;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import io.inkan.testsupport.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * The CA key on a PKCS#11 token (SoftHSM2, as a bank's HSM): the service signs certificates, CRLs and OCSP answers on
 * the token without the key ever leaving it, and real openssl accepts all three under the bank's chain. A token the
 * service cannot use (a wrong PIN, a key label that is not there) stops it at start, naming the property to fix.
 */
class Pkcs11CaIT {
    private static final String KEY_LABEL = "inkan-issuing-ca";
    private static TestCa bank;
    private static Path chainFile;
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void tokenHoldsTheBanksIssuingKey() throws Exception {
        SoftHsm.Token token = SoftHsm.token(SoftHsm.SIGNING);
        bank = TestCa.generate(Instant.now());
        // Only the issuing certificate goes on the token; the chain comes from inkan.ca.chain.
        SoftHsm.importKey(token, KEY_LABEL, bank.issuingKeys().getPrivate(), bank.issuing());
        chainFile = write(Files.createTempDirectory("pkcs11-chain"), "chain.pem", bank.chainPem());
        broker = IssuanceInstance.broker();
    }

    private static Map<String, String> onTheToken(SoftHsm.Token token, String pin, String keyLabel) {
        return Map.of(
                "inkan.ca.pkcs11.library", SoftHsm.LIBRARY.toString(),
                "inkan.ca.pkcs11.slot", Long.toString(token.slot()),
                "inkan.ca.pkcs11.pin", pin,
                "inkan.ca.pkcs11.key-label", keyLabel,
                "inkan.ca.chain", chainFile.toString());
    }

    private static String brokers() {
        return broker.getBrokersAsString();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aCertificateSignedOnTheTokenVerifiesWithOpensslAndSoDoItsOcspAnswerAndTheCrl() throws Exception {
        String brokers = brokers();
        try (var instance = IssuanceInstance.start(
                        brokers,
                        Postgres.freshDatabase("issuance_pkcs11"),
                        onTheToken(SoftHsm.token(SoftHsm.SIGNING), SoftHsm.PIN, KEY_LABEL));
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            // the chain served is the bank's, not one the service made
            assertThat(instance.chainPem()).isEqualTo(bank.chainPem());

            CertificateIssued issued = awaitIssued(issuanceEvents, IssuanceInstance.request(producer));
            assertThat(IssuanceInstance.parse(issued.certificatePem()).getIssuerX500Principal())
                    .isEqualTo(bank.issuing().getSubjectX500Principal());

            Path dir = Files.createTempDirectory("pkcs11-openssl");
            Path root = write(dir, "root.pem", bank.rootPem());
            Path issuing = write(dir, "issuing.pem", bank.issuingPem());
            Path chain = write(dir, "chain.pem", bank.chainPem());
            Path user = write(dir, "user.pem", issued.certificatePem());
            Path crlDer = Files.write(dir.resolve("crl.der"), instance.get("/crl"));

            assertThat(run(
                            "openssl",
                            "verify",
                            "-CAfile",
                            root.toString(),
                            "-untrusted",
                            issuing.toString(),
                            user.toString()))
                    .contains(user + ": OK");
            // the CRL's signature, made on the token, verifies under the issuing CA...
            assertThat(run(
                            "openssl",
                            "crl",
                            "-inform",
                            "DER",
                            "-in",
                            crlDer.toString(),
                            "-CAfile",
                            chain.toString(),
                            "-noout"))
                    .contains("verify OK");
            // ...and openssl uses it to check the certificate
            Path crlPem = dir.resolve("crl.pem");
            run("openssl", "crl", "-inform", "DER", "-in", crlDer.toString(), "-out", crlPem.toString());
            assertThat(run(
                            "openssl",
                            "verify",
                            "-crl_check",
                            "-CRLfile",
                            crlPem.toString(),
                            "-CAfile",
                            root.toString(),
                            "-untrusted",
                            issuing.toString(),
                            user.toString()))
                    .contains(user + ": OK");
            assertThat(run(
                            "openssl",
                            "ocsp",
                            "-issuer",
                            issuing.toString(),
                            "-cert",
                            user.toString(),
                            "-url",
                            instance.url("/ocsp").toString(),
                            "-CAfile",
                            chain.toString()))
                    .contains("Response verify OK")
                    .contains(user + ": good");
        }
    }

    /**
     * The bank rolled to a new issuing CA on the same token: the new key issues, the retired one, by its label, keeps
     * signing its own CRL on the token, and the chain served holds both CAs and both roots.
     */
    @Test
    void aRetiredKeyOnTheTokenKeepsSigningItsCrlWhileTheNewKeyIssues() throws Exception {
        SoftHsm.Token token = SoftHsm.token(SoftHsm.SIGNING);
        TestCa next = TestCa.generate(Instant.now());
        SoftHsm.importKey(token, "inkan-issuing-ca-2", next.issuingKeys().getPrivate(), next.issuing());
        Path dir = Files.createTempDirectory("pkcs11-rollover");
        Path nextChain = write(dir, "next-chain.pem", next.chainPem());
        String brokers = brokers();
        try (var instance = IssuanceInstance.start(
                        brokers,
                        Postgres.freshDatabase("issuance_pkcs11_rollover"),
                        Map.of(
                                "inkan.ca.pkcs11.library", SoftHsm.LIBRARY.toString(),
                                "inkan.ca.pkcs11.slot", Long.toString(token.slot()),
                                "inkan.ca.pkcs11.pin", SoftHsm.PIN,
                                "inkan.ca.pkcs11.key-label", "inkan-issuing-ca-2",
                                "inkan.ca.chain", nextChain.toString(),
                                "inkan.ca.retired[0].key-label", KEY_LABEL,
                                "inkan.ca.retired[0].chain", chainFile.toString()));
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            String chainPem = instance.chainPem();
            assertThat(chainPem)
                    .isEqualTo(io.inkan.issuance.authority.Pem.of(
                            java.util.List.of(next.issuing(), bank.issuing(), next.root(), bank.root())));

            CertificateIssued issued = awaitIssued(issuanceEvents, IssuanceInstance.request(producer));
            Path user = write(dir, "user.pem", issued.certificatePem());
            IssuanceInstance.parse(issued.certificatePem())
                    .verify(next.issuing().getPublicKey());
            Path chain = write(dir, "chain.pem", chainPem);
            assertThat(run("openssl", "verify", "-CAfile", chain.toString(), user.toString()))
                    .contains(user + ": OK");

            // each CA's CRL is signed on the token by its own key
            crl(instance.get("/crl")).verify(bank.issuing().getPublicKey());
            crl(instance.get("/ca/crl/" + CaRolloverIT.keyId(next.issuing()) + ".crl"))
                    .verify(next.issuing().getPublicKey());
        }
    }

    private static java.security.cert.X509CRL crl(byte[] der) throws Exception {
        return (java.security.cert.X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCRL(new java.io.ByteArrayInputStream(der));
    }

    @Test
    void aWrongPinStopsTheServiceAtStartNamingThePin() throws Exception {
        // a token this JVM never logged in to: PKCS#11 logins are per token and process, and would hide a wrong PIN
        Throwable refused = failureToStart(
                brokers(),
                Postgres.freshDatabase("issuance_pkcs11_pin"),
                onTheToken(SoftHsm.token(SoftHsm.UNTOUCHED), "not-the-pin", KEY_LABEL));

        assertThat(messages(refused)).contains("inkan.ca.pkcs11.pin").doesNotContain("not-the-pin");
    }

    @Test
    void aKeyLabelThatIsNotOnTheTokenStopsTheServiceAtStartNamingIt() throws Exception {
        Throwable refused = failureToStart(
                brokers(),
                Postgres.freshDatabase("issuance_pkcs11_label"),
                onTheToken(SoftHsm.token(SoftHsm.SIGNING), SoftHsm.PIN, "no-such-key"));

        assertThat(messages(refused)).contains("no private key labelled 'no-such-key' (inkan.ca.pkcs11.key-label)");
    }

    @Test
    void aTokenLabelIsRefusedRatherThanGuessingWhichTokenItMeans() throws Exception {
        Throwable refused = failureToStart(
                brokers(),
                Postgres.freshDatabase("issuance_pkcs11_token_label"),
                Map.of(
                        "inkan.ca.pkcs11.token-label", SoftHsm.SIGNING,
                        "inkan.ca.pkcs11.pin", SoftHsm.PIN,
                        "inkan.ca.pkcs11.key-label", KEY_LABEL));

        assertThat(messages(refused))
                .contains("inkan.ca.pkcs11.token-label cannot be used")
                .contains("inkan.ca.pkcs11.slot");
    }

    @Test
    void aTokenWithoutAKeyLabelStopsTheStartInsteadOfFallingBackToACaInTheDatabase() throws Exception {
        String database = Postgres.freshDatabase("issuance_pkcs11_no_label");
        Throwable refused = failureToStart(
                brokers(),
                database,
                Map.of(
                        "inkan.ca.pkcs11.slot",
                        Long.toString(SoftHsm.token(SoftHsm.SIGNING).slot()),
                        "inkan.ca.pkcs11.pin",
                        SoftHsm.PIN,
                        TestKeys.ENCRYPTION_KEY_PROPERTY,
                        TestKeys.ENCRYPTION_KEY));

        assertThat(messages(refused)).contains("inkan.ca.pkcs11.key-label is not set");
        assertThat(JdbcClient.create(new DriverManagerDataSource(database, Postgres.USER, Postgres.PASSWORD))
                        .sql("SELECT count(*) FROM key_vault")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}

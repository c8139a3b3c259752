package io.inkan.issuance;

import static io.inkan.issuance.IssuanceInstance.awaitIssued;
import static io.inkan.issuance.IssuanceInstance.failureToStart;
import static io.inkan.issuance.IssuanceInstance.messages;
import static io.inkan.issuance.IssuanceInstance.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.Topics;
import io.inkan.issuance.authority.TestCa;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import io.inkan.testsupport.TopicProbe;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/**
 * Instances of issuance-service on one database are one CA (docs/contract.md §8): started at the same moment on an empty
 * database, two instances agree on one generated CA, serve the same chain, sign CRLs and OCSP answers with the same
 * key, and every certificate either issues chains to it. An instance given another key-encryption key cannot open
 * that CA and refuses to start rather than make its own. A bank's own CA, brought as PKCS#12, is served as it is.
 */
class SharedCaIT {
    private static final Map<String, String> DEFAULT_CA =
            Map.of(TestKeys.ENCRYPTION_KEY_PROPERTY, TestKeys.ENCRYPTION_KEY);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = IssuanceInstance.broker();
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
    void twoInstancesStartedTogetherOnOneDatabaseAreOneCa() throws Exception {
        String brokers = brokers();
        String database = Postgres.freshDatabase("issuance_shared_ca");
        CompletableFuture<IssuanceInstance> first =
                CompletableFuture.supplyAsync(() -> start(brokers, database, DEFAULT_CA));
        CompletableFuture<IssuanceInstance> second =
                CompletableFuture.supplyAsync(() -> start(brokers, database, DEFAULT_CA));
        try (IssuanceInstance a = first.join();
                IssuanceInstance b = second.join();
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            // one chain, and one CA in the database: both proposed one, the first stored won
            String chainPem = a.chainPem();
            assertThat(b.chainPem()).isEqualTo(chainPem);
            assertThat(jdbc(database)
                            .sql("SELECT count(*) FROM key_vault WHERE name LIKE 'ca/%'")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            X509Certificate issuing = certificates(chainPem).getFirst();

            // requests spread over both instances (one consumer group, two partitions) all chain to the one CA
            List<X509Certificate> issued = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(IssuanceInstance.request(producer));
            }
            for (String requestId : requests) {
                issued.add(parse(awaitIssued(issuanceEvents, requestId).certificatePem()));
            }
            for (X509Certificate certificate : issued) {
                certificate.verify(issuing.getPublicKey());
            }

            // each instance's CRL and each instance's own OCSP answers verify with the one issuing certificate
            for (IssuanceInstance instance : List.of(a, b)) {
                X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                        .generateCRL(new ByteArrayInputStream(instance.get("/crl")));
                assertThat(crl.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
                crl.verify(issuing.getPublicKey());
                for (X509Certificate certificate : issued) {
                    assertThat(ocspAnswerVerifies(instance, issuing, certificate))
                            .as("OCSP answer of port %d for %s", instance.port(), certificate.getSerialNumber())
                            .isTrue();
                }
            }
        }
    }

    /**
     * Each instance signs the CRL in the transactions where it revokes, and keeps the entries of the CRL it signed
     * last: whichever instance signed last, its CRL must list every revocation either instance made. One consumer
     * thread each, so that each instance reads one of the two partitions, and users on both.
     */
    @Test
    void renewalsOnBothInstancesRevokeAndEveryCrlListsAllOfTheirRevocations() throws Exception {
        String brokers = brokers();
        String database = Postgres.freshDatabase("issuance_shared_crl");
        Map<String, String> configuration = new java.util.HashMap<>(DEFAULT_CA);
        configuration.put("inkan.messaging.concurrency", "1");
        try (IssuanceInstance a = start(brokers, database, configuration);
                IssuanceInstance b = start(brokers, database, configuration);
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            X509Certificate issuing = certificates(a.chainPem()).getFirst();
            awaitOnePartitionEach(brokers);
            List<String> users = usersOnEachPartition(3);
            List<BigInteger> superseded = new ArrayList<>();
            for (String user : users) {
                superseded.add(issue(producer, issuanceEvents, user).getSerialNumber());
            }
            for (int round = 0; round < 3; round++) {
                for (String user : users) {
                    BigInteger renewal = issue(producer, issuanceEvents, user).getSerialNumber();
                    if (round < 2) {
                        superseded.add(renewal); // the next round's renewal supersedes it
                    }
                }
            }
            for (IssuanceInstance instance : List.of(a, b)) {
                X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                        .generateCRL(new ByteArrayInputStream(instance.get("/crl")));
                crl.verify(issuing.getPublicKey());
                for (BigInteger serial : superseded) {
                    assertThat(crl.getRevokedCertificate(serial))
                            .as("port %d's CRL lists %s", instance.port(), serial.toString(16))
                            .isNotNull();
                }
                assertThat(crl.getRevokedCertificates()).hasSize(superseded.size());
            }
        }
    }

    private static X509Certificate issue(KafkaProducer<String, byte[]> producer, TopicProbe issuanceEvents, String user)
            throws Exception {
        return parse(awaitIssued(issuanceEvents, IssuanceInstance.request(producer, user))
                .certificatePem());
    }

    /** Until the two instances' consumers each read one of the two partitions of the requests' topic. */
    private static void awaitOnePartitionEach(String brokers) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            org.awaitility.Awaitility.await("one partition for each instance")
                    .atMost(IssuanceInstance.WAIT)
                    .until(() -> {
                        var group = admin.describeConsumerGroups(List.of("issuance-service"))
                                .all()
                                .get()
                                .get("issuance-service");
                        return group.members().size() == 2
                                && group.members().stream()
                                        .allMatch(member -> member.assignment().topicPartitions().stream()
                                                        .filter(partition -> partition
                                                                .topic()
                                                                .equals(Topics.AUTH))
                                                        .count()
                                                == 1);
                    });
        }
    }

    /** Users of contract C001 whose records go to partition 0 and 1 in turn, {@code each} of both. */
    private static List<String> usersOnEachPartition(int each) {
        List<String> users = new ArrayList<>();
        int[] found = new int[2];
        while (found[0] < each || found[1] < each) {
            String user = "r" + UUID.randomUUID().toString().substring(0, 8);
            byte[] key = io.inkan.events.Keys.of("C001", user).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int partition =
                    org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key))
                            % 2;
            if (found[partition] < each && users.size() % 2 == partition) {
                users.add(user);
                found[partition]++;
            }
        }
        return users;
    }

    @Test
    void anInstanceWithAnotherKeyEncryptionKeyRefusesToStartInsteadOfMakingItsOwnCa() throws Exception {
        String brokers = brokers();
        String database = Postgres.freshDatabase("issuance_other_kek");
        String chainPem;
        try (IssuanceInstance first = start(brokers, database, DEFAULT_CA)) {
            chainPem = first.chainPem();
        }

        Throwable refused = failureToStart(
                brokers,
                database,
                Map.of(TestKeys.ENCRYPTION_KEY_PROPERTY, "YW5vdGhlci1pbnN0YW5jZS1hbm90aGVyLWtleS0zMmI="));

        assertThat(messages(refused)).contains("does not open with inkan.keys.encryption-key");
        try (IssuanceInstance again = start(brokers, database, DEFAULT_CA)) {
            assertThat(again.chainPem()).isEqualTo(chainPem);
        }
    }

    @Test
    void aBanksPkcs12KeystoreIsServedAndNoCaIsGenerated() throws Exception {
        TestCa bank = TestCa.generate(Instant.now());
        Path keystore = Files.createTempDirectory("bank-ca").resolve("ca.p12");
        bank.writePkcs12(keystore, "bank-ca-password".toCharArray(), "issuing");
        String database = Postgres.freshDatabase("issuance_pkcs12");
        String brokers = brokers();

        try (IssuanceInstance instance = start(
                        brokers,
                        database,
                        Map.of(
                                "inkan.ca.keystore",
                                keystore.toString(),
                                "inkan.ca.keystore-password",
                                "bank-ca-password"));
                KafkaProducer<String, byte[]> producer = IssuanceInstance.producer(brokers);
                TopicProbe issuanceEvents = new TopicProbe(brokers, Topics.ISSUANCE)) {
            assertThat(instance.chainPem()).isEqualTo(bank.chainPem());
            parse(awaitIssued(issuanceEvents, IssuanceInstance.request(producer))
                            .certificatePem())
                    .verify(bank.issuing().getPublicKey());
            assertThat(jdbc(database)
                            .sql("SELECT count(*) FROM key_vault")
                            .query(Integer.class)
                            .single())
                    .isZero();
        }
    }

    private static IssuanceInstance start(String brokers, String database, Map<String, String> configuration) {
        try {
            return IssuanceInstance.start(brokers, database, configuration);
        } catch (Exception e) {
            throw new AssertionError("issuance-service did not start", e);
        }
    }

    private static JdbcClient jdbc(String database) {
        return JdbcClient.create(new DriverManagerDataSource(database, Postgres.USER, Postgres.PASSWORD));
    }

    private static List<X509Certificate> certificates(String pem) throws Exception {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(
                        new ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .stream()
                .map(X509Certificate.class::cast)
                .toList();
    }

    private static boolean ocspAnswerVerifies(
            IssuanceInstance instance, X509Certificate issuing, X509Certificate certificate) throws Exception {
        byte[] request = new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(issuing),
                        certificate.getSerialNumber()))
                .build()
                .getEncoded();
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(instance.url("/ocsp"))
                                .header("Content-Type", "application/ocsp-request")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        OCSPResp answer = new OCSPResp(response.body());
        assertThat(answer.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) answer.getResponseObject();
        return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuing));
    }
}

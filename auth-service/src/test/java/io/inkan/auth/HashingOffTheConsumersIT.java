package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.PasswordResetOrdered;
import io.inkan.events.Topics;
import io.inkan.events.UserRegistered;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * DESIGN rule 9 on the consumers: no Argon2id on a Kafka consumer thread, so a record behind one that brings a
 * password (a registration, a reset, a front end's sealed submission) on the same partition is applied without
 * waiting for its hash. The service runs with Argon2id made deliberately slow ({@code
 * inkan.auth.password-hashing.iterations}), so that one hash takes far longer than consuming and publishing does: a
 * record held up by a hash would show it plainly. Real broker, real service, its embedded default database.
 */
class HashingOffTheConsumersIT {
    private static final JsonMapper JSON = new JsonMapper();
    /** About thirty times OWASP's minimum: one hash takes around a second here instead of ~34 ms. */
    private static final int SLOW_ITERATIONS = 60;

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedKafkaKraftBroker broker;
    private static Instance instance;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        instance = Instance.start(
                broker.getBrokersAsString(),
                Files.createTempDirectory("auth-slow-hash"),
                "--inkan.auth.password-hashing.iterations=" + SLOW_ITERATIONS);
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aSubmissionBehindOneWhosePasswordIsCheckedIsAnsweredWithoutWaitingForTheHash() throws Exception {
        String contract = instance.registeredUser("U001");
        Duration oneHash = oneLogon(contract, "U001", Instance.PASSWORD);
        X509Certificate sealing = sealingCertificate();
        String checked = UUID.randomUUID().toString();
        String stale = UUID.randomUUID().toString();
        String goodSeal = Envelopes.authEnveloped(
                credentials(checked, Instant.now(), contract, "U001", Instance.PASSWORD),
                sealing,
                Envelopes.Oaep.SHA256);
        // Sealed twenty minutes ago: refused REPLAYED without any password check.
        String staleSeal = Envelopes.authEnveloped(
                credentials(stale, Instant.now().minus(Duration.ofMinutes(20)), contract, "U001", Instance.PASSWORD),
                sealing,
                Envelopes.Oaep.SHA256);

        try (TopicProbe probe = new TopicProbe(broker.getBrokersAsString(), Topics.AUTH)) {
            // One front end, one record key: the same partition, the checked submission first.
            String frontEnd = "front-end-" + UUID.randomUUID();
            instance.publish(
                    new CertificateRequestSubmitted(checked, goodSeal, Csrs.csrPem(Csrs.p256()), Instant.now()),
                    frontEnd);
            instance.publish(
                    new CertificateRequestSubmitted(stale, staleSeal, Csrs.csrPem(Csrs.p256()), Instant.now()),
                    frontEnd);
            long sent = System.nanoTime();

            ConsumerRecord<String, byte[]> refused =
                    probe.awaitEvent("io.inkan.CertificateRequestRefused.v1", stale, WAIT);
            Duration refusedAfter = Duration.ofNanos(System.nanoTime() - sent);
            ConsumerRecord<String, byte[]> requested =
                    probe.awaitEvent("io.inkan.CertificateRequested.v1", checked, WAIT);

            assertThat(JSON.readTree(refused.value()).path("reason").asString()).isEqualTo("REPLAYED");
            assertThat(refusedAfter)
                    .as("the record behind is answered before one hash (%s) could have been done", oneHash)
                    .isLessThan(oneHash);
            assertThat(requested.timestamp() - refused.timestamp())
                    .as("the checked one is published a hash later, not in the same commit")
                    .isGreaterThan(oneHash.toMillis() / 2);
            assertThat(status(checked)).isEqualTo("PENDING");

            // Exactly once: one CertificateRequested, and the queue is empty once it is decided.
            assertThat(probe.drain(Duration.ofSeconds(1)).stream()
                            .filter(record -> TopicProbe.value(record).contains(checked))
                            .count())
                    .isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM frontend_submission")).isZero();
        }
    }

    @Test
    void aResetBehindARegistrationIsAppliedWithoutWaitingForEitherHashAndBothPasswordsWorkBeforeAndAfterHashing()
            throws Exception {
        String contract = instance.registeredUser("U002");
        Duration oneHash = oneLogon(contract, "U002", Instance.PASSWORD);
        X509Certificate sealing = sealingCertificate();
        String temporary = "仮パスワード-77"; // multi-byte: hashed as typed, nothing more
        String initial = "Hinoki-Initial-31";

        try (TopicProbe probe = new TopicProbe(broker.getBrokersAsString(), Topics.AUTH)) {
            String key = "admin-" + UUID.randomUUID();
            instance.publish(
                    new UserRegistered(
                            contract,
                            "U003",
                            "佐藤 一郎",
                            "ichiro@example.jp",
                            "ja",
                            null,
                            Envelopes.seal(initial, sealing),
                            "A001",
                            Instant.now()),
                    key);
            instance.publish(
                    new PasswordResetOrdered(
                            contract, "U002", Envelopes.seal(temporary, sealing), "A001", Instant.now()),
                    key);
            long sent = System.nanoTime();

            probe.awaitEvent("io.inkan.PasswordChanged.v1", "U002", WAIT);
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .as("neither the registration's hash nor the reset's (%s each) held the reset up", oneHash)
                    .isLessThan(oneHash);
        }
        // The new passwords are the passwords at once, hashed or not yet; the old one is not.
        assertThat(instance.logon(contract, "U003", initial).statusCode()).isEqualTo(200);
        assertThat(instance.logon(contract, "U002", temporary).statusCode()).isEqualTo(200);
        assertThat(instance.logon(contract, "U002", Instance.PASSWORD).statusCode())
                .isEqualTo(401);

        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM account WHERE sealed_password IS NOT NULL") == 0);
        assertThat(count("SELECT COUNT(*) FROM password_hash_due")).isZero();
        assertThat(instance.logon(contract, "U003", initial).statusCode()).isEqualTo(200);
        assertThat(instance.logon(contract, "U002", temporary).statusCode()).isEqualTo(200);
    }

    /** How long one logon takes here: one Argon2id check at the slow setting, and little else. */
    private static Duration oneLogon(String contract, String userId, String password) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = instance.logon(contract, userId, password);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(took).as("the slow setting makes a hash slow").isGreaterThan(Duration.ofMillis(300));
        return took;
    }

    private static long count(String sql) {
        return instance.bean(JdbcClient.class).sql(sql).query(Long.class).single();
    }

    private static String status(String requestId) throws Exception {
        return JSON.readTree(instance.get("/api/v1/certificate-requests/" + requestId)
                        .body())
                .path("status")
                .asString();
    }

    private static X509Certificate sealingCertificate() throws Exception {
        return Envelopes.certificate(instance.get("/api/v1/sealing-certificate").body());
    }

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
}

package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.inkan.auth.sealing.SealingKey;
import io.inkan.auth.testing.Envelopes;
import io.inkan.auth.tls.TlsEndpoint;
import io.inkan.messaging.keys.KeyVault;
import io.inkan.testsupport.MutableClock;
import io.inkan.testsupport.Postgres;
import io.inkan.testsupport.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of auth-service, each a Spring application of its own with its own data directory and ports, on one
 * PostgreSQL database and one broker, as a bank runs them (docs/contract.md §8). The attack each check stops: an
 * instance that made keys of its own would serve a second JWKS (its tokens refused wherever the other's JWKS is
 * used), a second sealing certificate (a secret sealed to one instance's certificate unreadable on the other) or a
 * second TLS server certificate; and a signing key that rotated on one instance before the other published it would
 * have its tokens refused there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedKeysIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final String OPERATOR_PASSWORD = "op-pass-shared-keys-7321";
    private static final Duration ROTATION = Duration.ofDays(30);
    private static final Duration LIFETIME = Duration.ofMinutes(15);
    /** Three key refreshes of PT0.2S: how long a new generation is published before it signs. */
    private static final Duration DELAY = Duration.ofMillis(600);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = new JsonMapper();

    private static EmbeddedKafkaKraftBroker broker;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void twoInstancesOnOneDatabase() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        String database = Postgres.freshDatabase("auth_shared_keys");
        first = start(database, Files.createTempDirectory("auth-instance-1"));
        second = start(database, Files.createTempDirectory("auth-instance-2"));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {second, first}) {
            if (context != null) {
                context.close();
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    @Order(1)
    void bothInstancesServeOneJwksOneSealingCertificateAndOneTlsServerCertificate() throws Exception {
        assertThat(get(second, "/.well-known/jwks.json")).isEqualTo(get(first, "/.well-known/jwks.json"));
        assertThat(get(second, "/api/v1/sealing-certificate"))
                .startsWith("-----BEGIN CERTIFICATE-----")
                .isEqualTo(get(first, "/api/v1/sealing-certificate"));
        assertThat(second.getBean(TlsEndpoint.class).serverCertificate())
                .isEqualTo(first.getBean(TlsEndpoint.class).serverCertificate());
        // nothing of it came from the data directories, which the instances do not share
        assertThat(Files.readString(dataDir(second).resolve("auth-service/tls-server.pem")))
                .isEqualTo(Files.readString(dataDir(first).resolve("auth-service/tls-server.pem")));
    }

    @Test
    @Order(2)
    void aTokenFromOneInstanceVerifiesWithTheOthersJwks() throws Exception {
        for (var pair : List.of(List.of(first, second), List.of(second, first))) {
            SignedJWT token = SignedJWT.parse(operatorToken(pair.get(0)));

            JWK key = JWKSet.parse(get(pair.get(1), "/.well-known/jwks.json"))
                    .getKeyByKeyId(token.getHeader().getKeyID());
            assertThat(key)
                    .as("the signing key is in the other instance's JWKS")
                    .isNotNull();
            assertThat(token.verify(new ECDSAVerifier((ECKey) key))).isTrue();
        }
    }

    @Test
    @Order(3)
    void aSecretSealedToTheCertificateOneInstanceServesOpensOnTheOther() throws Exception {
        String sealed = Envelopes.seal(
                "{\"password\":\"Sealed-On-One-1\"}", Envelopes.certificate(get(first, "/api/v1/sealing-certificate")));

        assertThat(new String(second.getBean(SealingKey.class).open(sealed), StandardCharsets.UTF_8))
                .contains("Sealed-On-One-1");
    }

    @Test
    @Order(4)
    void aNewGenerationIsPublishedEverywhereBeforeItSignsAndTheOldOneStaysUntilItsTokensHaveExpired() throws Exception {
        String oldKid = kidOf(operatorToken(first));
        Instant nextPeriod = Instant.ofEpochMilli(
                        Math.floorDiv(CLOCK.instant().toEpochMilli(), ROTATION.toMillis()) * ROTATION.toMillis())
                .plus(ROTATION);

        // a delay before the next period: the next generation is made and both instances publish it ...
        CLOCK.set(nextPeriod.minus(DELAY));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kids(first)).hasSize(2).contains(oldKid);
            assertThat(kids(second)).isEqualTo(kids(first));
        });
        String newKid =
                kids(first).stream().filter(k -> !k.equals(oldKid)).findFirst().orElseThrow();
        // ... but neither signs with it yet
        assertThat(kidOf(operatorToken(first))).isEqualTo(oldKid);
        assertThat(kidOf(operatorToken(second))).isEqualTo(oldKid);

        CLOCK.set(nextPeriod);
        assertThat(kidOf(operatorToken(first))).isEqualTo(newKid);
        assertThat(kidOf(operatorToken(second))).isEqualTo(newKid);

        // the old generation's last tokens were signed just before the period; while they live it stays published
        CLOCK.set(nextPeriod.plus(LIFETIME));
        Thread.sleep(1_000); // several refreshes
        assertThat(kids(first)).containsExactlyInAnyOrder(oldKid, newKid);
        assertThat(kids(second)).containsExactlyInAnyOrder(oldKid, newKid);

        CLOCK.set(nextPeriod.plus(LIFETIME).plus(DELAY));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(kids(first)).containsExactly(newKid);
            assertThat(kids(second)).containsExactly(newKid);
        });
        // the instance that unpublished it first deletes it from the vault in its next round, not at once
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(first.getBean(KeyVault.class).list("auth/jwt/"))
                        .hasSize(1));
    }

    private static ConfigurableApplicationContext start(String database, Path dataDir) {
        return new SpringApplicationBuilder(AuthServiceApplication.class, SharedClock.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("skipOtherTestsConfiguration", new SkipTestConfigurations()))
                .run(
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + Postgres.USER,
                        "--spring.datasource.password=" + Postgres.PASSWORD,
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--server.port=0",
                        "--inkan.auth.tls-port=0",
                        "--inkan.data-dir=" + dataDir,
                        "--" + TestKeys.ENCRYPTION_KEY_PROPERTY + "=" + TestKeys.ENCRYPTION_KEY,
                        "--inkan.operator.id=operator",
                        "--inkan.operator.password=" + OPERATOR_PASSWORD,
                        "--inkan.messaging.partitions=2",
                        "--inkan.auth.token.key-refresh=PT0.2S",
                        "--spring.main.banner-mode=off");
    }

    private static Path dataDir(ConfigurableApplicationContext context) {
        return Path.of(context.getEnvironment().getRequiredProperty("inkan.data-dir"));
    }

    private static URI uri(ConfigurableApplicationContext context, String path) {
        return URI.create(
                "http://127.0.0.1:" + context.getEnvironment().getRequiredProperty("local.server.port") + path);
    }

    private static String get(ConfigurableApplicationContext context, String path)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(uri(context, path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String operatorToken(ConfigurableApplicationContext context) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(uri(context, "/api/v1/tokens"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"realm\":\"operator\",\"operatorId\":\"operator\","
                                + "\"password\":\"" + OPERATOR_PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("accessToken").asString();
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static Set<String> kids(ConfigurableApplicationContext context) throws Exception {
        return JWKSet.parse(get(context, "/.well-known/jwks.json")).getKeys().stream()
                .map(JWK::getKeyID)
                .collect(Collectors.toSet());
    }

    /** The wall clock both instances share, which the test moves. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        Clock sharedInstancesClock() {
            return CLOCK;
        }
    }

    /**
     * Keeps the other tests' configurations (their clocks) out of these applications, as Spring's test contexts do:
     * an application started here scans the test classes' package too.
     */
    static final class SkipTestConfigurations extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SkipTestConfigurations;
        }

        @Override
        public int hashCode() {
            return SkipTestConfigurations.class.hashCode();
        }
    }
}

package io.inkan.messaging.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.testsupport.Postgres;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Several instances of one service on one database share one key, on H2 and on PostgreSQL. */
class KeyVaultIT {
    private static final String KEK = base64Key();

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of(
                        "H2",
                        "jdbc:h2:mem:vault" + System.nanoTime()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"),
                Arguments.of("PostgreSQL", null));
    }

    private static DataSource migrated(String url) {
        String jdbcUrl = url != null ? url : Postgres.freshDatabase("vault");
        DriverManagerDataSource dataSource = url != null
                ? new DriverManagerDataSource(jdbcUrl, "sa", "")
                : new DriverManagerDataSource(jdbcUrl, Postgres.USER, Postgres.PASSWORD);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/messaging")
                .load()
                .migrate();
        return dataSource;
    }

    private static KeyVault instance(DataSource dataSource, String kek) {
        return new KeyVault(
                JdbcClient.create(dataSource), KeyVaultAutoConfiguration.encryptionKey(kek), Clock.systemUTC());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void instancesStartingTogetherAllUseTheOneKeyThatWasStoredFirst(String name, String url) throws Exception {
        DataSource dataSource = migrated(url);
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        AtomicInteger proposals = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            List<Future<byte[]>> keys = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                KeyVault vault = instance(dataSource, KEK);
                keys.add(pool.submit(() -> {
                    together.await();
                    return vault.loadOrCreate("ca/issuing", () -> {
                        proposals.incrementAndGet();
                        byte[] proposal = new byte[32];
                        new SecureRandom().nextBytes(proposal);
                        return proposal;
                    });
                }));
            }
            byte[] first = keys.get(0).get();
            for (Future<byte[]> key : keys) {
                assertThat(key.get()).isEqualTo(first);
            }
            assertThat(proposals.get()).isGreaterThanOrEqualTo(1);
            assertThat(instance(dataSource, KEK).load("ca/issuing")).contains(first);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aKeyIsStoredOnlyWrappedAndOpensOnlyWithTheSameEncryptionKeyUnderItsOwnName(String name, String url) {
        DataSource dataSource = migrated(url);
        byte[] secret = "the sealing key's private bytes".getBytes();
        instance(dataSource, KEK).storeIfAbsent("auth/sealing", secret);

        String stored = JdbcClient.create(dataSource)
                .sql("SELECT wrapped FROM key_vault WHERE name = 'auth/sealing'")
                .query(String.class)
                .single();
        assertThat(new String(Base64.getDecoder().decode(stored), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("private bytes");

        assertThatThrownBy(() -> instance(dataSource, base64Key()).load("auth/sealing"))
                .hasMessageContaining("inkan.keys.encryption-key")
                .hasMessageNotContaining("private bytes");

        // the wrapped bytes moved under another name do not open there
        JdbcClient.create(dataSource)
                .sql("INSERT INTO key_vault (name, wrapped, created_at) VALUES ('auth/jwt/1', ?, CURRENT_TIMESTAMP)")
                .param(stored)
                .update();
        assertThatThrownBy(() -> instance(dataSource, KEK).load("auth/jwt/1"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(instance(dataSource, KEK).load("auth/sealing")).contains(secret);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void generationsAreListedOldestFirstAndCanBeRetired(String name, String url) {
        DataSource dataSource = migrated(url);
        KeyVault vault = instance(dataSource, KEK);
        vault.storeIfAbsent("auth/jwt/a", new byte[] {1});
        vault.storeIfAbsent("auth/jwt/b", new byte[] {2});
        vault.storeIfAbsent("auth/sealing", new byte[] {3});
        assertThat(vault.list("auth/jwt/"))
                .extracting(KeyVault.Entry::name)
                .containsExactly("auth/jwt/a", "auth/jwt/b");
        assertThat(vault.storeIfAbsent("auth/jwt/a", new byte[] {9})).isFalse();
        assertThat(vault.remove("auth/jwt/a")).isTrue();
        assertThat(vault.list("auth/jwt/")).extracting(KeyVault.Entry::name).containsExactly("auth/jwt/b");
    }

    @org.junit.jupiter.api.Test
    void aMissingOrShortEncryptionKeyStopsTheServiceNamingTheProperty() {
        assertThatThrownBy(() -> KeyVaultAutoConfiguration.encryptionKey(""))
                .hasMessageContaining("inkan.keys.encryption-key");
        assertThatThrownBy(() -> KeyVaultAutoConfiguration.encryptionKey(
                        Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("inkan.keys.encryption-key")
                .hasMessageContaining("256 bits");
    }

    private static String base64Key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}

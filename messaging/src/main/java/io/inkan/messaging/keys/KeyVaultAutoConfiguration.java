package io.inkan.messaging.keys;

import java.time.Clock;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@link KeyVault} of a service that keeps shared keys. Lazy: only a service that asks for the vault
 * (auth-service, issuance-service) needs {@code inkan.keys.encryption-key}, and such a service refuses to
 * start without it, naming the property.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
public class KeyVaultAutoConfiguration {

    /**
     * After the migrations: a key can be asked for before the database is migrated (auth-service's TLS server key,
     * while the web server is made), and the vault's table must exist by then.
     */
    @Bean
    @Lazy
    @DependsOnDatabaseInitialization
    KeyVault keyVault(
            DataSource dataSource, Clock clock, @Value("${inkan.keys.encryption-key:}") String encryptionKey) {
        return new KeyVault(JdbcClient.create(dataSource), encryptionKey(encryptionKey), clock);
    }

    static SecretKey encryptionKey(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("inkan.keys.encryption-key is not set: give every instance of this "
                    + "service the same base64 256-bit AES key (e.g. openssl rand -base64 32); it wraps the keys "
                    + "the service keeps in its database");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("inkan.keys.encryption-key is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(
                    "inkan.keys.encryption-key must be 256 bits (32 bytes, 44 base64 characters), not " + key.length
                            + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }
}

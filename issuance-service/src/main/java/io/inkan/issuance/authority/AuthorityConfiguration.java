package io.inkan.issuance.authority;

import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.messaging.keys.KeyVault;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The CA keys, the same for every instance of the service (design rule 12): from a PKCS#11 token
 * ({@code inkan.ca.pkcs11.key-label}), from the bank's PKCS#12 keystore ({@code inkan.ca.keystore}), or by default from
 * the database, where the first instance to start generates them. No instance makes a CA of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaProperties.class)
public class AuthorityConfiguration {
    @Bean
    // The vault's table comes with the migrations: the CA is loaded only once Flyway has run.
    @DependsOnDatabaseInitialization
    IssuingCas issuingCas(
            CaProperties ca,
            CertificateProperties certificates,
            ObjectProvider<KeyVault> vault,
            JdbcClient jdbc,
            Clock clock) {
        if (ca.keystore() == null && !ca.pkcs11().configured()) {
            // The vault refuses to exist without inkan.keys.encryption-key, naming it: no CA is made unwrapped.
            return CaVault.loadOrGenerate(vault.getObject(), jdbc, ca.keyAlgorithm(), certificates.validity(), clock);
        }
        return IssuingCas.fixed(configured(ca, certificates, clock), java.util.List.of(), clock);
    }

    private static Signer configured(CaProperties ca, CertificateProperties certificates, Clock clock) {
        if (ca.pkcs11().configured()) {
            if (ca.keystore() != null) {
                throw new IllegalStateException("Refusing to start: both inkan.ca.keystore and"
                        + " inkan.ca.pkcs11.* are set; the CA key is in one place, so set only one");
            }
            return Pkcs11Token.open(ca.pkcs11(), ca.chain(), certificates.validity(), clock.instant());
        }
        if (ca.keystorePassword() == null || ca.keystorePassword().isBlank()) {
            throw new IllegalStateException(CaProperties.PASSWORD_REQUIRED);
        }
        return CaKeystore.open(
                ca.keystore(),
                ca.keystorePassword().toCharArray(),
                ca.issuingAlias(),
                ca.rootAlias(),
                certificates.validity(),
                clock.instant());
    }
}

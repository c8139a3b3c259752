package io.inkan.issuance.authority;

import io.inkan.issuance.policy.CertificateProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CA keys. With {@code inkan.ca.keystore} set (production) the keystore is loaded and must be right; without it
 * (the local stack) a CA is generated into the data directory on first start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CaProperties.class)
public class AuthorityConfiguration {
    @Bean
    Signer signer(
            CaProperties ca,
            CertificateProperties certificates,
            @Value("${inkan.data-dir:./data}") Path dataDir,
            Clock clock) {
        // CaProperties refuses to bind without inkan.ca.keystore-password: there is no default to fall back on.
        if (ca.keystore() != null) {
            return CaKeystore.open(
                    ca.keystore(),
                    ca.keystorePassword().toCharArray(),
                    ca.issuingAlias(),
                    ca.rootAlias(),
                    certificates.validity(),
                    clock.instant());
        }
        Path path = dataDir.resolve("issuance-service").resolve("ca.p12");
        return CaKeystore.openOrGenerate(
                path,
                ca.keystorePassword().toCharArray(),
                ca.keyAlgorithm(),
                ca.issuingAlias(),
                ca.rootAlias(),
                certificates.validity(),
                clock.instant());
    }
}

package io.inkan.issuance.authority;

import io.inkan.issuance.policy.CertificateProperties;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(AuthorityConfiguration.class);

    /** Protects only the generated local keystore; a production keystore needs a password of its own. */
    private static final String LOCAL_ONLY_PASSWORD = "inkan-local-only";

    @Bean
    Signer signer(
            CaProperties ca,
            CertificateProperties certificates,
            @Value("${inkan.data-dir:./data}") Path dataDir,
            Clock clock) {
        boolean passwordGiven =
                ca.keystorePassword() != null && !ca.keystorePassword().isEmpty();
        if (ca.keystore() != null) {
            if (!passwordGiven) {
                throw new IllegalStateException("Refusing to start: inkan.ca.keystore is set to " + ca.keystore()
                        + " but inkan.ca.keystore-password is not (give it through the environment,"
                        + " INKAN_CA_KEYSTORE_PASSWORD)");
            }
            return CaKeystore.open(
                    ca.keystore(),
                    ca.keystorePassword().toCharArray(),
                    ca.issuingAlias(),
                    ca.rootAlias(),
                    certificates.validity(),
                    clock.instant());
        }
        if (!passwordGiven) {
            log.warn("inkan.ca.keystore-password is not set: the generated CA keystore is protected by the"
                    + " local-only default password. Fine for the embedded stack, never for production.");
        }
        Path path = dataDir.resolve("issuance-service").resolve("ca.p12");
        return CaKeystore.openOrGenerate(
                path,
                (passwordGiven ? ca.keystorePassword() : LOCAL_ONLY_PASSWORD).toCharArray(),
                ca.keyAlgorithm(),
                ca.issuingAlias(),
                ca.rootAlias(),
                certificates.validity(),
                clock.instant());
    }
}

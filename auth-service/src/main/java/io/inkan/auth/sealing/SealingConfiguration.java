package io.inkan.auth.sealing;

import io.inkan.auth.keys.KeyWithCertificate;
import io.inkan.messaging.keys.KeyVault;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealing feature: the key and the endpoint that serves its certificate. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealingProperties.class)
public class SealingConfiguration {
    /**
     * The bank's PKCS#12 when {@code inkan.auth.sealing.keystore} names one; otherwise the key every instance shares
     * from the key vault (asked for only then, so a bank with its own keystore needs no vault for it).
     */
    @Bean
    SealingKey sealingKey(SealingProperties properties, ObjectProvider<KeyVault> vault, Clock clock) {
        KeyWithCertificate loaded = properties.keystore() != null
                ? SealingKeyStore.fromKeystore(properties.keystore(), properties.keystorePassword())
                : SealingKeyStore.fromVault(vault.getObject(), clock);
        return new SealingKey(loaded.privateKey(), loaded.certificate());
    }
}

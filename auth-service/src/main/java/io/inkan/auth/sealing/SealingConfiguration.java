package io.inkan.auth.sealing;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealing feature: the key and the endpoint that serves its certificate. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealingProperties.class)
public class SealingConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SealingConfiguration.class);

    @Bean
    SealingKey sealingKey(SealingProperties properties, Clock clock) {
        if (properties.usesLocalDefaultPassword()) {
            log.warn("The sealing keystore uses the local default password; production must set"
                    + " inkan.auth.sealing.keystore-password (and inkan.auth.sealing.keystore)");
        }
        SealingKeyStore.Loaded loaded = SealingKeyStore.loadOrCreate(properties, clock);
        return new SealingKey(loaded.privateKey(), loaded.certificate());
    }
}

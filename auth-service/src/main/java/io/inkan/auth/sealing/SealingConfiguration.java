package io.inkan.auth.sealing;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sealing feature: the key and the endpoint that serves its certificate. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SealingProperties.class)
public class SealingConfiguration {
    @Bean
    SealingKey sealingKey(SealingProperties properties, Clock clock) {
        SealingKeyStore.Loaded loaded = SealingKeyStore.loadOrCreate(properties, clock);
        return new SealingKey(loaded.privateKey(), loaded.certificate());
    }
}

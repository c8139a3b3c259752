package io.inkan.notification.expiry;

import io.inkan.messaging.Periodic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpiryProperties.class)
class ExpiryConfiguration {
    @Bean
    Periodic expiryScanner(ExpirySchedule schedule, ExpiryProperties properties) {
        return new Periodic("inkan-expiry-scan", properties.scanInterval(), schedule::scan);
    }
}

package io.inkan.notification;

import io.inkan.messaging.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This service's events leave through the shared transactional outbox. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {
    @Bean
    NotificationEvents notificationEvents(Outbox outbox) {
        return outbox::append;
    }
}

package io.inkan.notification.mail;

import io.inkan.messaging.Periodic;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MailDeliveryProperties.class, BankProperties.class})
class MailConfiguration {
    /** The delivery worker's bean name: {@link Mailer} wakes it when a transaction that queued mail commits. */
    static final String DELIVERY_WORKER = "mailDeliveryWorker";

    @Bean(DELIVERY_WORKER)
    Periodic mailDeliveryWorker(MailDelivery delivery, MailDeliveryProperties properties) {
        return new Periodic("inkan-mail-delivery", properties.pollInterval(), delivery::deliverDue);
    }

    /** Composes and queues the mails that waited for their recipient, once admin-service's registration is in. */
    @Bean
    Periodic heldMailRelease(HeldMails held, MailDeliveryProperties properties) {
        return new Periodic("inkan-held-mail", properties.pollInterval(), held::releaseKnown);
    }
}

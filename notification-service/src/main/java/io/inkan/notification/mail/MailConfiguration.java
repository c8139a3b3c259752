package io.inkan.notification.mail;

import io.inkan.notification.NotificationEvents;
import io.inkan.messaging.Periodic;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailDeliveryProperties.class)
class MailConfiguration {
    @Bean
    MailDelivery mailDelivery(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            JavaMailSender sender,
            NotificationEvents events,
            MailDeliveryProperties properties,
            Clock clock) {
        return new MailDelivery(
                JdbcClient.create(dataSource),
                new TransactionTemplate(transactionManager),
                sender,
                events,
                properties,
                clock);
    }

    @Bean
    Periodic mailDeliveryWorker(MailDelivery delivery, MailDeliveryProperties properties) {
        return new Periodic("inkan-mail-delivery", properties.pollInterval(), delivery::deliverDue);
    }

    @Bean
    Mailer mailer(DataSource dataSource, NotificationEvents events, Clock clock, Periodic mailDeliveryWorker) {
        return new Mailer(JdbcClient.create(dataSource), new MailComposer(), events, clock, mailDeliveryWorker::wakeUp);
    }
}

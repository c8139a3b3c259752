package io.inkan.notification.expiry;

import io.inkan.notification.NotificationEvents;
import io.inkan.messaging.Periodic;
import io.inkan.notification.directory.Directory;
import io.inkan.notification.mail.Mailer;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExpiryProperties.class)
class ExpiryConfiguration {
    @Bean
    ExpirySchedule expirySchedule(
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            Directory directory,
            Mailer mailer,
            NotificationEvents events,
            ExpiryProperties properties,
            Clock clock) {
        return new ExpirySchedule(
                JdbcClient.create(dataSource),
                new TransactionTemplate(transactionManager),
                directory,
                mailer,
                events,
                properties.offsets(),
                properties.scanBatchSize(),
                clock);
    }

    @Bean
    Periodic expiryScanner(ExpirySchedule schedule, ExpiryProperties properties) {
        return new Periodic("inkan-expiry-scan", properties.scanInterval(), schedule::scan);
    }
}

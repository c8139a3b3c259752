package io.inkan.notification.directory;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class DirectoryConfiguration {
    @Bean
    Directory directory(DataSource dataSource, Clock clock) {
        return new Directory(JdbcClient.create(dataSource), clock);
    }
}

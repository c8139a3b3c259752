package io.inkan.messaging.http;

import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Every service refuses request bodies over {@code inkan.http.max-body-size} (64 KiB). It lives here
 * because this is the one module the four services share.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimitsProperties.class)
public class RequestBodyLimitAutoConfiguration {
    /**
     * After the observation filter (so the 413s show in the HTTP metrics), well before Spring
     * Security's chain (order -100), whose authentication may read the body or hash a password.
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Bean
    FilterRegistrationBean<RequestBodyLimit> inkanRequestBodyLimit(HttpLimitsProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(properties.maxBodySize().toBytes()));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }
}

package io.inkan.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * notification-service. Its defaults live in {@code notification-service.properties} rather than {@code application.properties}, so
 * that the four services can share one classpath in the local stack without reading each other's.
 */
// Spring Security is configured by this service itself (io.inkan.notification.security): the sent-mail list under
// /api names customers and needs a token of auth-service.
@SpringBootApplication
@PropertySource("classpath:notification-service.properties")
public class NotificationServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}

package io.inkan.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * notification-service. Its defaults live in {@code notification-service.properties} rather than {@code application.properties}, so
 * that the four services can share one classpath in the local stack without reading each other's.
 */
@SpringBootApplication
@PropertySource("classpath:notification-service.properties")
public class NotificationServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}

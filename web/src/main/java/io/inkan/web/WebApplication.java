package io.inkan.web;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * The web front end: a bank's screens over Inkan's public HTTP APIs (a backend-for-frontend). The browser talks only
 * to this application; it calls auth-service and admin-service on the customer's behalf and keeps their tokens in
 * the server-side session. Its defaults live in {@code web.properties}, so that it can share the local stack's
 * classpath with the four services without reading their properties.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:web.properties")
public class WebApplication {
    /** The time the screens decide by (whether a renewal window is still ahead). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(WebApplication.class, args);
    }
}

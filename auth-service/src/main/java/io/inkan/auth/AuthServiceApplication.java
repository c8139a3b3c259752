package io.inkan.auth;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * auth-service. Its defaults live in {@code auth-service.properties} rather than {@code application.properties}, so
 * that the four services can share one classpath in the local stack without reading each other's.
 */
@SpringBootApplication
@PropertySource("classpath:auth-service.properties")
public class AuthServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(AuthServiceApplication.class, args);
    }
}

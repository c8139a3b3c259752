package io.inkan.issuance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/**
 * issuance-service. Its defaults live in {@code issuance-service.properties} rather than {@code application.properties}, so
 * that the four services can share one classpath in the local stack without reading each other's.
 */
@SpringBootApplication
@PropertySource("classpath:issuance-service.properties")
public class IssuanceServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(IssuanceServiceApplication.class, args);
    }
}

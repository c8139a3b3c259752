package io.inkan.issuance;

import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * issuance-service. Its defaults live in {@code issuance-service.properties} rather than {@code application.properties}, so
 * that the four services can share one classpath in the local stack without reading each other's.
 */
// This service's HTTP API is public by nature (CA chain, CRL, OCSP, certificate status), but in the local
// stack it shares a classpath with auth- and admin-service, whose Spring Security would otherwise lock
// every route here behind a generated password.
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
            "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration"
        })
@EnableScheduling
@EnableConfigurationProperties({IssuanceProperties.class, CertificateProperties.class})
@PropertySource("classpath:issuance-service.properties")
public class IssuanceServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(IssuanceServiceApplication.class, args);
    }
}

package io.inkan.issuance;

import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;

/**
 * issuance-service. Its defaults live in {@code issuance-service.properties} rather than {@code application.properties}, so
 * that the four services can share one classpath in the local stack without reading each other's.
 */
// Spring Security is configured by this service itself (io.inkan.issuance.security): the CA's chain, CRL and OCSP
// are public, the certificate read under /api needs a token of auth-service.
@SpringBootApplication
@EnableConfigurationProperties({IssuanceProperties.class, CertificateProperties.class})
@PropertySource("classpath:issuance-service.properties")
public class IssuanceServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(IssuanceServiceApplication.class, args);
    }
}

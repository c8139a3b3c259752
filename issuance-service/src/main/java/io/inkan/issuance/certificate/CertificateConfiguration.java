package io.inkan.issuance.certificate;

import io.inkan.messaging.Periodic;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The certificate feature's recurring work, on a thread of its own (docs/design.md: one scheduling style). */
@Configuration(proxyBeanMethods = false)
class CertificateConfiguration {
    @Bean
    Periodic certificateScanner(
            CertificateScans scans, @Value("${inkan.issuance.scan-interval:PT1S}") Duration interval) {
        return new Periodic("inkan-issuance-scan", interval, scans::scan);
    }
}

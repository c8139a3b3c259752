package io.inkan.issuance.revocation;

import io.inkan.messaging.Periodic;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Checks from start-up on, every {@code inkan.issuance.crl-check-interval}, whether the CRL is due to be re-signed. */
@Configuration(proxyBeanMethods = false)
class CrlConfiguration {
    @Bean
    Periodic crlRefresher(CrlPublisher crl, @Value("${inkan.issuance.crl-check-interval:PT1M}") Duration interval) {
        return new Periodic("inkan-crl-refresh", interval, crl::refresh);
    }
}

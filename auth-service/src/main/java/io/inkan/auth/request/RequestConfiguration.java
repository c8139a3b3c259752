package io.inkan.auth.request;

import io.inkan.messaging.Periodic;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RequestConfiguration {
    /** Idempotency keys live a day; an hourly sweep keeps the table near that size. */
    @Bean
    Periodic idempotencyKeyPruner(CertificateRequests requests) {
        return new Periodic("inkan-idempotency-key-pruning", Duration.ofHours(1), requests::forgetOldIdempotencyKeys);
    }
}

package io.inkan.auth.request;

import io.inkan.messaging.Periodic;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class RequestConfiguration {
    /** Idempotency keys live a day; an hourly sweep keeps the table near that size. */
    @Bean
    Periodic idempotencyKeyPruner(CertificateRequests requests) {
        return new Periodic("inkan-idempotency-key-pruning", Duration.ofHours(1), requests::forgetOldIdempotencyKeys);
    }

    /**
     * On PostgreSQL the instances wake each other's waiters through LISTEN/NOTIFY; on the embedded H2 there is one
     * process and its own waiters are all there are.
     */
    @Bean
    OutcomeWatch outcomeWatch(
            JdbcClient jdbc,
            DataSourceProperties database,
            ObjectProvider<MeterRegistry> meters,
            @Value("${inkan.auth.request-wait.max-waiters:10000}") int maxWaiters) {
        String url = database.determineUrl();
        OutcomeListener.Database postgres = url != null && url.startsWith("jdbc:postgresql:")
                ? new OutcomeListener.Database(url, database.determineUsername(), database.determinePassword())
                : null;
        OutcomeWatch watch = new OutcomeWatch(maxWaiters, jdbc, postgres);
        meters.ifAvailable(registry -> Gauge.builder("inkan.auth.requests.waiting", watch, OutcomeWatch::waiting)
                .description("GETs of a request waiting for its outcome (?wait=), bounded by"
                        + " inkan.auth.request-wait.max-waiters")
                .register(registry));
        return watch;
    }
}

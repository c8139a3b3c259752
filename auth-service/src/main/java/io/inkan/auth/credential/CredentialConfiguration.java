package io.inkan.auth.credential;

import io.inkan.messaging.Periodic;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CredentialProperties.class, OperatorProperties.class, BootstrapOperators.class})
class CredentialConfiguration {
    @Bean
    PasswordChecks passwordChecks(CredentialProperties properties) {
        CredentialProperties.PasswordCheckLimits limits = properties.passwordChecks();
        return new PasswordChecks(limits.effectiveConcurrency(), limits.queue(), limits.maxWait());
    }

    /** Forgets idle unknown IDs every {@code inkan.auth.unknown-ids.prune-interval}, from start-up on. */
    @Bean
    Periodic unknownIdPruner(UnknownIdPruning pruning, CredentialProperties properties) {
        return new Periodic("inkan-unknown-id-pruning", properties.unknownIds().pruneInterval(), pruning::prune);
    }

    @Bean
    PasswordHashing passwordHashing(
            PasswordChecks bound, CredentialProperties properties, ObjectProvider<MeterRegistry> meters) {
        PasswordHashing hashing =
                new PasswordHashing(bound, properties.passwordHashing().iterations());
        meters.ifAvailable(registry -> {
            Gauge.builder("inkan.auth.password.checks.running", hashing, PasswordHashing::running)
                    .description("Argon2id checks running now (bounded by inkan.auth.password-checks.concurrency)")
                    .register(registry);
            FunctionCounter.builder("inkan.auth.password.checks.refused", bound, PasswordChecks::refused)
                    .description("Logons refused 503 because too many password checks were running or waiting")
                    .register(registry);
        });
        return hashing;
    }
}

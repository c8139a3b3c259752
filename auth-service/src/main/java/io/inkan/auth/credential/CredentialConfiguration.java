package io.inkan.auth.credential;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CredentialProperties.class, OperatorProperties.class, BootstrapOperators.class})
@EnableScheduling
class CredentialConfiguration {
    @Bean
    PasswordChecks passwordChecks(CredentialProperties properties) {
        CredentialProperties.PasswordCheckLimits limits = properties.passwordChecks();
        return new PasswordChecks(limits.effectiveConcurrency(), limits.queue(), limits.maxWait());
    }

    @Bean
    PasswordHashing passwordHashing(PasswordChecks bound, ObjectProvider<MeterRegistry> meters) {
        PasswordHashing hashing = new PasswordHashing(bound);
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

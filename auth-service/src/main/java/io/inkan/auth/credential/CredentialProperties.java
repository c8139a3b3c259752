package io.inkan.auth.credential;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.*} for credentials.
 *
 * @param maxFailedAttempts consecutive failures that lock an account
 */
@Validated
@ConfigurationProperties("inkan.auth")
record CredentialProperties(
        @DefaultValue("5") @Min(1) @Max(100) int maxFailedAttempts) {}

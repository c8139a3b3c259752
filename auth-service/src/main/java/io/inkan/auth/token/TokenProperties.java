package io.inkan.auth.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.token.*}: sessions.
 *
 * @param lifetime how long an access token lives (docs/contract.md: 900 s)
 * @param keyRotation how long one generation of signing keys signs before the next takes over
 * @param keyRefresh how often every instance reloads the signing keys from the key vault; a new generation signs
 *     only {@link #propagationDelay()} after it appeared, so that every instance publishes it first
 * @param issuer the {@code iss} claim
 */
@Validated
@ConfigurationProperties("inkan.auth.token")
record TokenProperties(
        @DefaultValue("PT15M") @NotNull Duration lifetime,
        @DefaultValue("P30D") @NotNull Duration keyRotation,
        @DefaultValue("PT1M") @NotNull Duration keyRefresh,
        @DefaultValue("inkan-auth") @NotBlank String issuer) {

    TokenProperties {
        if (!keyRefresh.isPositive()) {
            throw new IllegalArgumentException("inkan.auth.token.key-refresh must be positive");
        }
        if (!keyRotation.minus(lifetime).minus(keyRefresh.multipliedBy(3)).isPositive()) {
            throw new IllegalArgumentException("inkan.auth.token.key-rotation must be longer than the token lifetime"
                    + " and three times inkan.auth.token.key-refresh");
        }
    }

    /**
     * How long a new generation is published before it signs: two refreshes of every instance, and one more for a
     * refresh that ran late or a clock a little behind.
     */
    Duration propagationDelay() {
        return keyRefresh.multipliedBy(3);
    }

    /** The rotation rule these properties make. */
    KeyRotation rotation() {
        return new KeyRotation(keyRotation, lifetime, propagationDelay());
    }
}

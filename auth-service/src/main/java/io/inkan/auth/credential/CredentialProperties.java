package io.inkan.auth.credential;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.auth.*} for credentials.
 *
 * @param maxFailedAttempts consecutive failures that lock an account (or an ID that names none)
 * @param passwordChecks the bound on Argon2id checks running at once
 * @param unknownIds how long the failures of IDs that name no account are kept
 * @param passwordHashing the cost of one Argon2id computation
 */
@Validated
@ConfigurationProperties("inkan.auth")
record CredentialProperties(
        @DefaultValue("5") @Min(1) @Max(100) int maxFailedAttempts,
        @DefaultValue @Valid PasswordCheckLimits passwordChecks,
        @DefaultValue @Valid UnknownIds unknownIds,
        @DefaultValue @Valid PasswordHashingCost passwordHashing) {

    /**
     * {@code inkan.auth.password-checks.*}.
     *
     * @param concurrency checks running at once; unset: one per available processor
     * @param queue front-door callers that may wait for a turn beyond those running; more are refused 503
     * @param maxWait how long a front-door caller waits for a turn before it is refused 503
     */
    record PasswordCheckLimits(
            @Min(1) @Max(1024) Integer concurrency,
            @DefaultValue("32") @Min(0) @Max(10_000) int queue,
            @DefaultValue("PT2S") @NotNull Duration maxWait) {

        int effectiveConcurrency() {
            return concurrency == null ? Runtime.getRuntime().availableProcessors() : concurrency;
        }
    }

    /**
     * {@code inkan.auth.unknown-ids.*}.
     *
     * @param retention how long after its last counted failure an ID that names no account is forgotten;
     *     within it the ID answers exactly as a real account would (401, then 423 once locked)
     * @param pruneInterval how often forgotten IDs are removed
     */
    record UnknownIds(
            @DefaultValue("P30D") @NotNull Duration retention,
            @DefaultValue("PT1H") @NotNull Duration pruneInterval) {}

    /**
     * {@code inkan.auth.password-hashing.*}. Memory stays at OWASP's minimum (19 MiB, the bound's arithmetic counts
     * on it); only the passes may be raised. Hashes stored with other passes still verify: each carries its own.
     *
     * @param iterations Argon2id passes per computation; OWASP's minimum is 2, and each pass adds about as much time
     */
    record PasswordHashingCost(
            @DefaultValue("2") @Min(2) @Max(1000) int iterations) {}
}

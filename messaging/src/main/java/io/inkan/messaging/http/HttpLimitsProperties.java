package io.inkan.messaging.http;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.http.*}: what every service's HTTP side accepts.
 *
 * @param maxBodySize the largest request body a service reads (docs/contract.md §4: 64 KiB); larger ones
 *     are refused 413
 */
@Validated
@ConfigurationProperties("inkan.http")
public record HttpLimitsProperties(
        @DefaultValue("64KB") @NotNull DataSize maxBodySize) {}

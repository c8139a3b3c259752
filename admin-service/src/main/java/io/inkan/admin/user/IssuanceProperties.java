package io.inkan.admin.user;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAmount;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The part of {@code inkan.issuance.*} admin-service needs: how long an administrator's authorization
 * lasts unused ({@code P90D} by default; an ISO period such as {@code P1Y} or a duration such as
 * {@code PT3M}). While one is outstanding, authorizing again changes nothing.
 */
@Validated
@ConfigurationProperties("inkan.issuance")
record IssuanceProperties(@DefaultValue("P90D") @NotBlank String authorizationValidity) {

    IssuanceProperties {
        parse(authorizationValidity); // refuse a bad value at start-up
    }

    Instant authorizationExpiry(Instant authorizedAt) {
        return authorizedAt
                .atZone(ZoneOffset.UTC)
                .plus(parse(authorizationValidity))
                .toInstant();
    }

    static TemporalAmount parse(String amount) {
        try {
            return amount.toUpperCase(java.util.Locale.ROOT).contains("T")
                    ? Duration.parse(amount)
                    : Period.parse(amount);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "inkan.issuance.authorization-validity must be an ISO period (P90D) or duration (PT3M): " + amount);
        }
    }
}

package io.inkan.auth.credential;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.operator.*}: the bootstrap bank operator. auth-service.properties carries
 * {@code operator}/{@code operator-pass} for the local stack; production must set both.
 */
@Validated
@ConfigurationProperties("inkan.operator")
record OperatorProperties(@NotBlank String id, @NotBlank String password) {
    static final String LOCAL_PASSWORD = "operator-pass";
}

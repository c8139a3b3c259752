package io.inkan.admin.initialpassword;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.admin.password-policy.*}: the bounds of initial passwords and PINs.
 *
 * @param minLength fewest characters (4 allows a four-digit PIN)
 * @param maxLength most characters
 */
@Validated
@ConfigurationProperties("inkan.admin.password-policy")
record PasswordPolicyProperties(
        @DefaultValue("4") @Min(1) @Max(1024) int minLength,
        @DefaultValue("128") @Min(1) @Max(1024) int maxLength) {

    @AssertTrue(message = "min-length must not exceed max-length")
    boolean isConsistent() {
        return minLength <= maxLength;
    }

    PasswordPolicy policy() {
        return new PasswordPolicy(minLength, maxLength);
    }
}

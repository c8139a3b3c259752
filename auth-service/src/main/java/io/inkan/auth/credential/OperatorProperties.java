package io.inkan.auth.credential;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code inkan.operator.*}: the bootstrap bank operator. There is no default: a service started with neither
 * property has no operator until they are set (a default would be a published password); the local stack sets
 * {@code operator}/{@code operator-pass} itself. One without the other refuses to start.
 */
@Validated
@ConfigurationProperties("inkan.operator")
record OperatorProperties(String id, String password) {
    static final String LOCAL_PASSWORD = "operator-pass";

    @AssertTrue(message = "inkan.operator.id and inkan.operator.password must be set together, or neither")
    boolean isBothOrNeither() {
        return blank(id) == blank(password);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        // Never print the password, whatever logs the properties.
        return "OperatorProperties[id=" + id + "]";
    }
}

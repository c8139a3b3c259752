package io.inkan.admin.initialpassword;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy(4, 16);

    @Test
    void aFourDigitPinIsAccepted() {
        assertThat(policy.violation("0123")).isEmpty();
    }

    @Test
    void tooShortTooLongBlankAndControlCharactersAreRefused() {
        assertThat(policy.violation("123")).contains("must have at least 4 characters");
        assertThat(policy.violation("x".repeat(17))).contains("must have at most 16 characters");
        assertThat(policy.violation("    ")).isPresent();
        assertThat(policy.violation("ab\ncd")).isPresent();
        assertThat(policy.violation(null)).isPresent();
    }

    @Test
    void lengthCountsCharactersNotBytes() {
        assertThat(policy.violation("暗証番号")).isEmpty();
    }
}

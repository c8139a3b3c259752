package io.inkan.admin.initialpassword;

import java.util.Optional;

/**
 * What an initial password or PIN must be. Banks hand out numeric PINs as initial passwords, so
 * digits alone are allowed; the length bounds are the bank's choice.
 */
record PasswordPolicy(int minLength, int maxLength) {

    /** Why {@code password} is refused, or empty if it is acceptable. */
    Optional<String> violation(String password) {
        if (password == null || password.isEmpty()) {
            return Optional.of("must not be empty");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minLength) {
            return Optional.of("must have at least " + minLength + " characters");
        }
        if (length > maxLength) {
            return Optional.of("must have at most " + maxLength + " characters");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        if (password.isBlank()) {
            return Optional.of("must not be blank");
        }
        return Optional.empty();
    }
}

package io.inkan.auth.credential;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * What a new password chosen by its holder must be (docs/contract.md §4): at least {@link #MIN_LENGTH}
 * characters, none of the holder's IDs (whatever the case), and not the current password. Asked only once
 * the current password was proven, so a breach is named to nobody but the holder.
 */
final class PasswordRules {
    static final int MIN_LENGTH = 8;

    /** The rule a new password breaks; each is answered 422 with its own code. */
    enum Breach {
        PASSWORD_TOO_SHORT("The new password must have at least " + MIN_LENGTH + " characters."),
        PASSWORD_SAME_AS_ID("The new password must not be the ID."),
        PASSWORD_UNCHANGED("The new password must differ from the current one.");

        private final String detail;

        Breach(String detail) {
            this.detail = detail;
        }

        String detail() {
            return detail;
        }
    }

    private PasswordRules() {}

    /**
     * @param ids every ID the holder logs on with (contract-level and bank-wide ones alike)
     * @param current the proven current password
     */
    static Optional<Breach> breach(String next, String current, Collection<String> ids) {
        if (next.codePointCount(0, next.length()) < MIN_LENGTH) {
            return Optional.of(Breach.PASSWORD_TOO_SHORT);
        }
        String folded = next.toLowerCase(Locale.ROOT);
        if (ids.stream()
                .anyMatch(id -> id != null && id.toLowerCase(Locale.ROOT).equals(folded))) {
            return Optional.of(Breach.PASSWORD_SAME_AS_ID);
        }
        if (next.equals(current)) {
            return Optional.of(Breach.PASSWORD_UNCHANGED);
        }
        return Optional.empty();
    }
}

package io.inkan.admin.user;

import io.inkan.admin.web.Ids;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the administrator's user routes. */
final class UserRequests {
    private static final String ID_MESSAGE = "must be 1-64 letters, digits, '.', '_' or '-'";
    private static final String LANGUAGE_MESSAGE = "must be a language tag such as ja or en";

    private UserRequests() {}

    /** {@code POST /api/v1/contracts/{cid}/users}. */
    record Register(
            @NotBlank @Pattern(regexp = Ids.ID, message = ID_MESSAGE)
            String userId,

            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Pattern(regexp = Ids.ID, message = ID_MESSAGE) String loginId,

            @Pattern(regexp = Ids.LANGUAGE, message = LANGUAGE_MESSAGE)
            String language,

            @NotNull String initialPassword) {

        /** Never print the password. */
        @Override
        public String toString() {
            return "Register[userId=" + userId + ", loginId=" + loginId + "]";
        }
    }

    /** {@code PATCH /api/v1/contracts/{cid}/users/{uid}}: the fields given change, the others stay. */
    record ChangeContact(
            @Size(min = 1, max = 200) String name,
            @Email @Size(min = 3, max = 254) String email,

            @Pattern(regexp = Ids.LANGUAGE, message = LANGUAGE_MESSAGE)
            String language) {

        @AssertTrue(message = "give at least one of name, email, language")
        boolean isAnyGiven() {
            return name != null || email != null || language != null;
        }
    }

    /** {@code POST .../password-reset}: the temporary password, checked and sealed like an initial password. */
    record ResetPassword(@NotNull String temporaryPassword) {
        /** Never print the password. */
        @Override
        public String toString() {
            return "ResetPassword[]";
        }
    }

    /** {@code POST .../reissue}: why the current certificate is revoked, as an RFC 5280 reason name. */
    record Reissue(@NotBlank String reason) {}

    /** {@code POST .../revocation}: why the user's certificates are revoked, as an RFC 5280 reason name. */
    record Revocation(@NotBlank String reason) {}
}

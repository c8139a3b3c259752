package io.inkan.admin.contract;

import io.inkan.admin.web.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/contracts}: a contract and its first administrator. */
record RegisterContractRequest(
        @NotBlank @Pattern(regexp = Ids.ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
        String contractId,

        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid Administrator administrator) {

    record Administrator(
            @NotBlank @Pattern(regexp = Ids.ID, message = "must be 1-64 letters, digits, '.', '_' or '-'")
            String adminId,

            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,

            @Pattern(regexp = Ids.LANGUAGE, message = "must be a language tag such as ja or en")
            String language,

            @NotNull String initialPassword) {

        /** Never print the password, not even by accident in a log line. */
        @Override
        public String toString() {
            return "Administrator[adminId=" + adminId + "]";
        }
    }
}

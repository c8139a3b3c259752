package io.inkan.admin.user;

import io.inkan.admin.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 409 {@code USER_ID_AMBIGUOUS}: the contract ID and this user ID, joined, read the same as another registered pair's
 * (C12 + 3 after C1 + 23, or a difference only in case), so both users' certificates would carry one subject
 * ({@code CN={contractId}{userId}}). The detail does not say which pair, only that the subject is taken.
 */
final class AmbiguousUserIdException extends ApiException {
    AmbiguousUserIdException() {
        super(
                HttpStatus.CONFLICT,
                "USER_ID_AMBIGUOUS",
                "With this contract ID, this user ID would give a certificate subject that another user has already."
                        + " Choose another user ID.",
                "userId");
    }
}

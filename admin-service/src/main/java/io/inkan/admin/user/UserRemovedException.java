package io.inkan.admin.user;

import io.inkan.admin.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * 409 for a user who left the contract ({@code DELETE .../users/{uid}}). The user stays in the list, marked deleted,
 * so a 404 would contradict what the administrator sees; 409 says the user is there but can no longer be acted on.
 */
final class UserRemovedException extends ApiException {
    private UserRemovedException(String code, String detail, String field) {
        super(HttpStatus.CONFLICT, code, detail, field);
    }

    /** {@code USER_DELETED}: any action on a removed user. */
    static UserRemovedException deleted() {
        return new UserRemovedException(
                "USER_DELETED", "This user was removed from the contract; nothing more can be done for them.", null);
    }

    /**
     * {@code USER_ID_RETIRED}: registering the ID of a removed user. The ID stays with the person who left (their
     * audit trail, their revoked certificates' subject), so it is never handed to someone else by accident.
     */
    static UserRemovedException idRetired() {
        return new UserRemovedException(
                "USER_ID_RETIRED",
                "This user ID belonged to a user who was removed from the contract and is not given again."
                        + " Choose another user ID.",
                "userId");
    }
}

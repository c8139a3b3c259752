package io.inkan.auth.web;

import io.inkan.messaging.http.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * auth-service's refusals, as the one problem document every service answers with (the shared advice of the
 * messaging module writes it). The detail is shown to the caller, so it never says whether an ID exists.
 */
public class ApiProblem extends ProblemException {

    public ApiProblem(HttpStatus status, String code, String detail) {
        super(status, code, detail);
    }

    public static ApiProblem unauthenticated() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "The credentials were not accepted.");
    }

    public static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail);
    }

    public static ApiProblem locked() {
        return new ApiProblem(
                HttpStatus.LOCKED,
                "LOCKED",
                "The account is locked after too many failed attempts; ask for an unlock.");
    }

    /**
     * 403 {@code ACQUISITION_CODE_INVALID}: the password was right, but an administrator's authorization waits for its
     * one-time acquisition code, and the request carried none or a wrong one.
     */
    public static ApiProblem acquisitionCodeInvalid(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "ACQUISITION_CODE_INVALID", detail);
    }

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
    }

    public static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Nothing is known under this ID.");
    }
}

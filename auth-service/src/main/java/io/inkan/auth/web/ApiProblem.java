package io.inkan.auth.web;

import org.springframework.http.HttpStatus;

/**
 * An answer that is not a success: becomes {@code application/problem+json} with a stable {@code code}.
 * The detail is shown to the caller, so it never says whether an ID exists.
 */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String code;

    public ApiProblem(HttpStatus status, String code, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
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

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
    }

    public static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Nothing is known under this ID.");
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}

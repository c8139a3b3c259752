package io.inkan.admin.web;

import io.inkan.messaging.http.ProblemException;
import io.inkan.messaging.http.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * admin-service's refusals, as the one problem document every service answers with (the shared advice of the
 * messaging module writes it); a refusal that names request fields lists them in {@code errors}. The detail text is
 * for people; it never says whether an ID the caller may not see exists.
 */
public class ApiException extends ProblemException {
    private final String field;
    private final List<FieldProblem> errors;

    /** One field at fault and why. */
    public record FieldProblem(String field, String message) {}

    protected ApiException(HttpStatus status, String code, String detail, String field) {
        this(status, code, detail, field, field == null ? List.of() : List.of(new FieldProblem(field, detail)));
    }

    private ApiException(HttpStatus status, String code, String detail, String field, List<FieldProblem> errors) {
        super(status, code, detail, errorsMember(errors));
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    private static Map<String, ?> errorsMember(List<FieldProblem> errors) {
        return errors.isEmpty()
                ? Map.of()
                : Map.of(
                        "errors",
                        errors.stream()
                                .map(error -> Problems.fieldError(error.field(), error.message()))
                                .toList());
    }

    public static ApiException invalid(List<FieldProblem> errors) {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                "VALIDATION_FAILED",
                "The request has invalid fields.",
                errors.isEmpty() ? null : errors.get(0).field(),
                errors);
    }

    public static ApiException forbidden() {
        return new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "This call is not allowed with your token.", null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such " + what + ".", null);
    }

    public static ApiException conflict(String field, String detail) {
        return new ApiException(HttpStatus.CONFLICT, "CONFLICT", detail, field);
    }

    public static ApiException invalid(String field, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail, field);
    }

    public static ApiException unavailable(String code, String detail) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, code, detail, null);
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}

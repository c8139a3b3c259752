package io.inkan.admin.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Validates a request body after the caller's access was checked, so that a caller without access
 * gets 403 for any body rather than learning the route's rules from a 400.
 */
@Component
public class RequestValidator {
    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    public <T> T valid(T body) {
        if (body == null) {
            throw ApiException.invalid("body", "is required");
        }
        var violations = validator.validate(body);
        if (!violations.isEmpty()) {
            List<ApiException.FieldProblem> errors = violations.stream()
                    .map(v -> new ApiException.FieldProblem(path(v), v.getMessage()))
                    .sorted(Comparator.comparing(ApiException.FieldProblem::field))
                    .toList();
            throw ApiException.invalid(errors);
        }
        return body;
    }

    private static String path(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        return path.isEmpty() ? "body" : path;
    }
}

package io.inkan.auth.web;

import io.inkan.auth.credential.PasswordChecksBusy;
import io.inkan.messaging.http.Problems;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The one refusal of auth-service that is not an {@link ApiProblem}: every other error is answered by the shared
 * advice of the messaging module. Ordered first, so that it is asked before that advice's catch-all. Hidden from the
 * OpenAPI: the routes that check passwords declare their 503 {@code BUSY} themselves.
 */
@Hidden
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemAdvice {

    /** Too many password checks at once: come back shortly. Not a failed attempt; nothing was counted. */
    @ExceptionHandler(PasswordChecksBusy.class)
    ResponseEntity<ProblemDetail> busy(PasswordChecksBusy busy, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> problem =
                Problems.answer(request, HttpStatus.SERVICE_UNAVAILABLE, "BUSY", busy.getMessage());
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfter().toSeconds()))
                .body(problem.getBody());
    }
}

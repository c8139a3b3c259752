package io.inkan.auth.web;

import io.inkan.auth.credential.PasswordChecksBusy;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every error as {@code application/problem+json} with a stable {@code code}; never a stack trace. */
@RestControllerAdvice
class ProblemAdvice {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(problem.status(), problem.code(), problem.getMessage());
    }

    /** Too many password checks at once: come back shortly. Not a failed attempt; nothing was counted. */
    @ExceptionHandler(PasswordChecksBusy.class)
    ResponseEntity<ProblemDetail> busy(PasswordChecksBusy busy) {
        ResponseEntity<ProblemDetail> problem = respond(HttpStatus.SERVICE_UNAVAILABLE, "BUSY", busy.getMessage());
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfter().toSeconds()))
                .body(problem.getBody());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        // The parser's message could quote the body (a password); say only that it did not read.
        return respond(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request body is not valid JSON of this API.");
    }

    @ExceptionHandler({
        org.springframework.web.ErrorResponseException.class,
        org.springframework.web.servlet.resource.NoResourceFoundException.class,
        org.springframework.web.HttpRequestMethodNotSupportedException.class,
        org.springframework.web.HttpMediaTypeNotSupportedException.class,
        org.springframework.web.HttpMediaTypeNotAcceptableException.class,
        org.springframework.web.bind.MissingRequestHeaderException.class,
        org.springframework.web.bind.MethodArgumentNotValidException.class
    })
    ResponseEntity<ProblemDetail> framework(Exception exception) {
        ErrorResponse e = (ErrorResponse) exception;
        HttpStatusCode status = e.getStatusCode();
        String code = status.value() == 404
                ? "NOT_FOUND"
                : status.value() == 405
                        ? "METHOD_NOT_ALLOWED"
                        : status.is4xxClientError() ? "VALIDATION_FAILED" : "INTERNAL";
        return respond(status, code, e.getBody().getDetail());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure while serving a request: {}", e.getClass().getName(), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", "The request could not be served.");
    }

    static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String code, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(URI.create(
                "urn:inkan:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        body.setProperty("code", code);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }
}

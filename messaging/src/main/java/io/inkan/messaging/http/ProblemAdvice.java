package io.inkan.messaging.http;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Every error that reaches Spring MVC, in every service, as the one problem document of {@link Problems}: a
 * {@link ProblemException} with its own status and code; the framework's refusals (unknown route 404, wrong method
 * 405, wrong content type 415, a body too large 413, a body or parameter that does not bind 400
 * {@code VALIDATION_FAILED} naming the fields in {@code errors}) with the code of their status; anything else 500
 * {@code INTERNAL_ERROR}, logged here and described to the caller by nothing but that code.
 *
 * <p>Last in order, so that a service's own advice (auth-service's 503 with {@code Retry-After}) is asked first.
 * Spring Security's exceptions are left to Spring Security, whose entry points answer 401 and 403 with
 * {@link Problems#write}.
 *
 * <p>{@link Hidden} from the services' OpenAPI, which would otherwise list every handler here on every route: each
 * route declares the refusals it can really give ({@link ProblemResponse}).
 */
@Hidden
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final Set<String> LEFT_TO_SECURITY = Set.of(
            "org.springframework.security.access.AccessDeniedException",
            "org.springframework.security.core.AuthenticationException");

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> refused(ProblemException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> answer = Problems.answer(request, e.status(), e.code(), e.getMessage());
        Problems.withExtensions(answer.getBody(), e.extensions());
        return answer;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (isLeftToSecurity(e)) {
            throw e; // rethrown as it came, MVC hands it on to Spring Security's ExceptionTranslationFilter
        }
        // The stack trace stays in the log; the caller learns nothing of it.
        log.error("Unexpected failure while serving a request", e);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        return Problems.answer(request, status, Problems.codeFor(status), Problems.detailFor(status));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(Problems.fieldError(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(Problems.fieldError(error.getObjectName(), error.getDefaultMessage())));
        return validationFailed(e, headers, request, errors);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(Problems.fieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return validationFailed(e, headers, request, errors);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!status.is4xxClientError()) {
            return super.handleTypeMismatch(e, headers, status, request);
        }
        String field = e.getPropertyName() == null ? "request" : e.getPropertyName();
        return validationFailed(e, headers, request, List.of(Problems.fieldError(field, "has the wrong type")));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationFailed(e, headers, request, List.of(Problems.fieldError(e.getParameterName(), "is required")));
    }

    /**
     * A body that is missing or does not read. The parser's own message could quote the body (a password), so only
     * the path of the field at fault is named, or {@code body}.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "is missing or not valid JSON";
        if (e.getCause() instanceof JacksonException jackson
                && !jackson.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference reference : jackson.getPath()) {
                if (reference.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            field = path.isEmpty() ? field : path.toString();
            message = "has the wrong type or format";
        }
        return validationFailed(e, headers, request, List.of(Problems.fieldError(field, message)));
    }

    private @Nullable ResponseEntity<Object> validationFailed(
            Exception e, HttpHeaders headers, WebRequest request, List<Map<String, String>> errors) {
        HttpStatus status = HttpStatus.BAD_REQUEST;
        ProblemDetail problem =
                Problems.of(servletRequest(request), status, "VALIDATION_FAILED", "The request has invalid fields.");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    /**
     * Every answer of the base class ends here: a document built above goes out as it is; the framework's own (whose
     * detail may quote the request) is replaced by the one of its status. Headers the framework adds ({@code Allow}
     * with a 405, {@code Accept} with a 415) are kept.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail built
                        && built.getProperties() != null
                        && built.getProperties().containsKey("code")
                ? built
                : Problems.of(servletRequest(request), status, Problems.codeFor(status), Problems.detailFor(status));
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    private static boolean isLeftToSecurity(Throwable e) {
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            if (LEFT_TO_SECURITY.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}

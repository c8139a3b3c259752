package io.inkan.messaging.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One refusal a route can answer, as {@link Problems} writes it: its status, its {@code code} and when it happens.
 * Each service's OpenAPI ({@code /v3/api-docs}) turns these into the route's problem+json responses, one example
 * body per code ({@link ProblemOpenApi}); a route lists every refusal of its own, the ones every route can give
 * (500, and 413 for a body) are added for it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {
    /**
     * The extension an error response carries, with the reason, when it is deliberately not a problem document: a
     * protocol of its own answers there (OCSP's malformedRequest, RFC 6960). Such a response keeps the content its
     * route declares.
     */
    String NOT_A_PROBLEM = "x-inkan-not-a-problem";

    /** The HTTP status, 400 to 599. */
    int status();

    /** The stable {@code code} member ({@code NOT_FOUND}, {@code USER_DELETED}, ...). */
    String code();

    /** When the route answers it, for the reader of the API description. */
    String description();

    /** The refusals of one route. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ProblemResponse[] value();
    }
}

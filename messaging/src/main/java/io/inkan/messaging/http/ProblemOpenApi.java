package io.inkan.messaging.http;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * What every service's OpenAPI ({@code /v3/api-docs}) says about errors: the one problem document of {@link Problems}
 * as the schema {@code Problem}, and on every operation the problem+json responses it can give, each with an example
 * body per {@code code}. A route declares its own refusals with {@link ProblemResponse}; the ones any route can give
 * are added here: 500 {@code INTERNAL_ERROR} everywhere, 413 {@code PAYLOAD_TOO_LARGE} where a body is read, 401
 * {@code UNAUTHENTICATED} where the route asks for the bearer token ({@value #BEARER} security requirement). Any other
 * error response (one springdoc derives from an exception handler) gets the same schema and the code of its status,
 * since no error of a service has another shape.
 *
 * <p>Also names the service in the document's title and describes the bearer scheme ({@value #BEARER}) that the
 * token-protected routes refer to.
 */
final class ProblemOpenApi implements OpenApiCustomizer, OperationCustomizer {
    static final String SCHEMA = "Problem";
    static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;
    static final String BEARER = "bearer";

    private final String service;

    ProblemOpenApi(String service) {
        this.service = service == null || service.isBlank() ? "service" : service;
    }

    /** The route's own refusals, grouped by status, one example per code. */
    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Map<Integer, List<ProblemResponse>> byStatus = new TreeMap<>();
        for (ProblemResponse declared : AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handlerMethod.getMethod(), ProblemResponse.class)) {
            byStatus.computeIfAbsent(declared.status(), status -> new ArrayList<>())
                    .add(declared);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, problems) -> {
            ApiResponse response = responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse());
            StringBuilder description = new StringBuilder(
                    response.getDescription() == null
                                    || response.getDescription().isBlank()
                            ? ""
                            : response.getDescription() + "\n\n");
            Map<String, Example> examples = new LinkedHashMap<>();
            for (ProblemResponse problem : problems) {
                String line = "- `" + problem.code() + "`: " + problem.description();
                if (description.indexOf(line) < 0) { // two handlers of one route share the response
                    description.append(line).append('\n');
                }
                examples.put(
                        problem.code(),
                        example(HttpStatus.valueOf(status), problem.code(), capitalized(problem.description())));
            }
            MediaType earlier = response.getContent() == null
                    ? null
                    : response.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            if (earlier != null && earlier.getExamples() != null) {
                earlier.getExamples().forEach(examples::putIfAbsent);
            }
            response.description(description.toString().strip()).content(problemContent(examples));
        });
        operation.setResponses(responses);
        return operation;
    }

    /** The schema, the bearer scheme, the title, and the problem responses every route can give. */
    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components);
        components.addSchemas(SCHEMA, problemSchema());
        if (components.getSchemas().containsKey("ProblemDetail")) {
            components.getSchemas().remove("ProblemDetail"); // springdoc's reading of the advice; replaced below
        }
        components.addSecuritySchemes(
                BEARER,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description(
                                "An access token from auth-service's POST /api/v1/tokens (ES256, valid 15 minutes)."));
        openApi.info(new Info()
                .title("Inkan " + service)
                .version("v1")
                .description("The HTTP API of Inkan's " + service + " (docs/contract.md §4). Every error is"
                        + " `application/problem+json` (RFC 9457) in the shape of the `Problem` schema, with a stable"
                        + " `code` to branch on; each route lists the codes it can answer."));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.readOperationsMap().entrySet()) {
                everyRoutesProblems(path, entry.getValue());
            }
        });
    }

    private static void everyRoutesProblems(String path, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (operation.getRequestBody() != null && !responses.containsKey("413")) {
            responses.addApiResponse(
                    "413",
                    generic(
                            HttpStatus.CONTENT_TOO_LARGE,
                            "The body is larger than `inkan.http.max-body-size` (64 KiB); it was not read."));
        }
        if (needsToken(operation) && !responses.containsKey("401")) {
            responses.addApiResponse(
                    "401",
                    generic(
                            HttpStatus.UNAUTHORIZED,
                            "No bearer token, or one that is not valid (expired, ended, not auth-service's)."));
        }
        if (!responses.containsKey("500")) {
            responses.addApiResponse(
                    "500",
                    generic(
                            HttpStatus.INTERNAL_SERVER_ERROR,
                            "An unexpected failure; the details stay in the service's log."));
        }
        ApiResponses inOrder = new ApiResponses();
        new TreeMap<>(responses).forEach(inOrder::addApiResponse);
        inOrder.setExtensions(responses.getExtensions());
        operation.setResponses(inOrder);
        inOrder.forEach((code, response) -> {
            HttpStatus status = statusOf(code);
            if (status == null || !status.isError() || notAProblem(response)) {
                return;
            }
            MediaType problem = response.getContent() == null
                    ? null
                    : response.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            if (problem == null
                    || !SCHEMA_REF.equals(
                            problem.getSchema() == null
                                    ? null
                                    : problem.getSchema().get$ref())) {
                // a response springdoc made of an exception handler: the one shape, with the code of its status
                String generic = Problems.codeFor(status);
                response.content(problemContent(Map.of(generic, example(status, generic, Problems.detailFor(status)))));
                if (response.getDescription() == null
                        || response.getDescription().isBlank()) {
                    response.description(status.getReasonPhrase());
                }
            }
            response.getContent().values().stream()
                    .filter(media -> media.getExamples() != null)
                    .flatMap(media -> media.getExamples().values().stream())
                    .forEach(example -> {
                        if (example.getValue() instanceof Map<?, ?> body && body.containsKey("instance")) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> members = (Map<String, Object>) body;
                            members.put("instance", path);
                        }
                    });
        });
    }

    private static boolean notAProblem(ApiResponse response) {
        return response.getExtensions() != null
                && response.getExtensions().get(ProblemResponse.NOT_A_PROBLEM) instanceof String why
                && !why.isBlank();
    }

    private static boolean needsToken(Operation operation) {
        return operation.getSecurity() != null
                && operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(BEARER));
    }

    private static ApiResponse generic(HttpStatus status, String description) {
        String code = Problems.codeFor(status);
        return new ApiResponse()
                .description("- `" + code + "`: " + description)
                .content(problemContent(Map.of(code, example(status, code, Problems.detailFor(status)))));
    }

    private static Content problemContent(Map<String, Example> examples) {
        return new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType()
                                .schema(new Schema<>().$ref(SCHEMA_REF))
                                .examples(new LinkedHashMap<>(examples)));
    }

    /** A body as {@link Problems#of} writes it; the instance is the route's path, filled in once it is known. */
    private static Example example(HttpStatus status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problems.TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", "/");
        body.put("code", code);
        return new Example().summary(code).value(body);
    }

    private static String capitalized(String description) {
        String text = description.strip();
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static HttpStatus statusOf(String code) {
        try {
            return HttpStatus.resolve(Integer.parseInt(code));
        } catch (NumberFormatException e) {
            return null; // "default" or a range such as "4XX": not ours
        }
    }

    private static Schema<Object> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put(
                "type",
                string("`urn:inkan:problem:` and the code in kebab case").format("uri"));
        properties.put("title", string("The status's reason phrase."));
        properties.put("status", typed("integer", "The HTTP status."));
        properties.put("detail", string("For people; never says whether an ID exists."));
        properties.put(
                "instance", string("The path of the request that failed.").format("uri-reference"));
        properties.put("code", string("The stable name a client decides by, such as `NOT_FOUND`."));
        Schema<Object> field = typed("object", "One field at fault.");
        field.properties(new LinkedHashMap<>(
                Map.of("field", string("The request field, or `body`."), "message", string("Why it was refused."))));
        Schema<Object> errors = typed("array", "With `VALIDATION_FAILED`: the request fields at fault.");
        errors.items(field);
        properties.put("errors", errors);
        Schema<Object> problem = typed("object", "Every error of Inkan: an RFC 9457 problem document.");
        problem.properties(properties);
        problem.required(List.of("type", "title", "status", "detail", "instance", "code"));
        return problem;
    }

    private static Schema<Object> string(String description) {
        return typed("string", description);
    }

    /** Typed for OpenAPI 3.0 ({@code type}) and 3.1 ({@code types}) alike. */
    private static Schema<Object> typed(String type, String description) {
        Schema<Object> schema = new Schema<>();
        schema.type(type);
        schema.types(Set.of(type));
        schema.description(description);
        return schema;
    }
}

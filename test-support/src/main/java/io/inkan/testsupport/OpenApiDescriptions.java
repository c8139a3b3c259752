package io.inkan.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a service's OpenAPI ({@code /v3/api-docs}) must say of every route, so that a client can be written from it
 * alone: each operation has a summary and a description; each response has a description; each error response (4xx,
 * 5xx) is {@code application/problem+json} in the shape of the {@code Problem} schema, with at least one example body
 * carrying a {@code code}, unless the response says why it is another protocol's answer ({@code x-inkan-not-a-problem}).
 * {@link #faults} lists what is missing, one line per fault; empty means described.
 */
public final class OpenApiDescriptions {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    /** An error response that is deliberately another protocol's answer says so, and why (OCSP's malformedRequest). */
    private static final String NOT_A_PROBLEM = "x-inkan-not-a-problem";

    private OpenApiDescriptions() {}

    /** Every fault of the document, such as {@code GET /api/v1/x: response 404 has no problem+json body}. */
    public static List<String> faults(String apiDocs) {
        JsonNode document = JSON.readTree(apiDocs);
        List<String> faults = new ArrayList<>();
        if (!document.path("openapi").asString("").startsWith("3.1")) {
            faults.add("the document is not OpenAPI 3.1: " + document.path("openapi"));
        }
        if (document.path("components").path("schemas").path("Problem").isMissingNode()) {
            faults.add("no Problem schema in components");
        }
        JsonNode paths = document.path("paths");
        if (paths.isEmpty()) {
            faults.add("no paths at all");
        }
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operationFaults(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue(), faults);
                }
            }
        }
        return faults;
    }

    /** The routes the document describes, as {@code GET /path}. */
    public static List<String> routes(String apiDocs) {
        List<String> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path :
                JSON.readTree(apiDocs).path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    routes.add(method.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    private static void operationFaults(String route, JsonNode operation, List<String> faults) {
        if (blank(operation.path("summary"))) {
            faults.add(route + ": no summary");
        }
        if (blank(operation.path("description"))) {
            faults.add(route + ": no description");
        }
        JsonNode responses = operation.path("responses");
        if (responses.isEmpty()) {
            faults.add(route + ": no responses");
        }
        boolean success = false;
        for (Map.Entry<String, JsonNode> response : responses.properties()) {
            String status = response.getKey();
            JsonNode body = response.getValue();
            success |= status.startsWith("2") || status.startsWith("3");
            if (blank(body.path("description"))) {
                faults.add(route + ": response " + status + " has no description");
            }
            if ((status.startsWith("4") || status.startsWith("5")) && blank(body.path(NOT_A_PROBLEM))) {
                JsonNode problem = body.path("content").path(PROBLEM_JSON);
                if (!PROBLEM_SCHEMA.equals(problem.path("schema").path("$ref").asString(""))) {
                    faults.add(route + ": response " + status + " has no problem+json body of the Problem schema");
                } else if (!hasCodedExample(problem.path("examples"))) {
                    faults.add(route + ": response " + status + " has no example with a code");
                }
            }
        }
        if (!success) {
            faults.add(route + ": no successful response");
        }
    }

    private static boolean hasCodedExample(JsonNode examples) {
        for (JsonNode example : examples) {
            if (!blank(example.path("value").path("code"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(JsonNode text) {
        return !text.isString() || text.asString().isBlank();
    }
}

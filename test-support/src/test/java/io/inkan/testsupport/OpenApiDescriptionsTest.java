package io.inkan.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The check every service's OpenApiDescriptionIT relies on: it finds each kind of gap, and passes a described route. */
class OpenApiDescriptionsTest {
    private static final String PROBLEM = """
            "content": {"application/problem+json": {
              "schema": {"$ref": "#/components/schemas/Problem"},
              "examples": {"NOT_FOUND": {"value": {"code": "NOT_FOUND"}}}}}""";

    private static String document(String operation) {
        return """
                {"openapi": "3.1.0", "components": {"schemas": {"Problem": {}}},
                 "paths": {"/api/v1/things/{id}": {"get": %s}}}""".formatted(operation);
    }

    @Test
    void aDescribedRouteHasNoFault() {
        String described = document("""
                {"summary": "One thing", "description": "The thing.",
                 "responses": {"200": {"description": "The thing."},
                               "404": {"description": "No such thing.", %s}}}""".formatted(PROBLEM));

        assertThat(OpenApiDescriptions.faults(described)).isEmpty();
        assertThat(OpenApiDescriptions.routes(described)).containsExactly("GET /api/v1/things/{id}");
    }

    @Test
    void aRouteWithoutSummaryOrDescriptionIsAFault() {
        String bare = document("""
                {"responses": {"200": {"description": "The thing."}}}""");

        assertThat(OpenApiDescriptions.faults(bare))
                .containsExactly("GET /api/v1/things/{id}: no summary", "GET /api/v1/things/{id}: no description");
    }

    @Test
    void aResponseWithoutDescriptionIsAFault() {
        String undescribed = document("""
                {"summary": "One thing", "description": "The thing.", "responses": {"200": {"description": ""}}}""");

        assertThat(OpenApiDescriptions.faults(undescribed))
                .containsExactly("GET /api/v1/things/{id}: response 200 has no description");
    }

    @Test
    void anErrorThatIsNotAProblemDocumentIsAFaultUnlessItSaysWhy() {
        String plain = document("""
                {"summary": "One thing", "description": "The thing.",
                 "responses": {"200": {"description": "The thing."},
                               "400": {"description": "Bad.", "content": {"application/json": {}}}}}""");
        String otherProtocol = document("""
                {"summary": "One thing", "description": "The thing.",
                 "responses": {"200": {"description": "The thing."},
                               "400": {"description": "Bad.", "x-inkan-not-a-problem": "OCSP answers in OCSP",
                                       "content": {"application/ocsp-response": {}}}}}""");

        assertThat(OpenApiDescriptions.faults(plain))
                .containsExactly(
                        "GET /api/v1/things/{id}: response 400 has no problem+json body of the Problem schema");
        assertThat(OpenApiDescriptions.faults(otherProtocol)).isEmpty();
    }

    @Test
    void aProblemResponseWithoutACodedExampleIsAFault() {
        String uncoded = document("""
                {"summary": "One thing", "description": "The thing.",
                 "responses": {"200": {"description": "The thing."},
                               "404": {"description": "No such thing.", "content": {"application/problem+json": {
                                 "schema": {"$ref": "#/components/schemas/Problem"}}}}}}""");

        assertThat(OpenApiDescriptions.faults(uncoded))
                .containsExactly("GET /api/v1/things/{id}: response 404 has no example with a code");
    }
}

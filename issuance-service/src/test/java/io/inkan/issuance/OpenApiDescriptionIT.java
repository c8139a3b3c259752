package io.inkan.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.OpenApiDescriptions;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * issuance-service describes its API at {@code /v3/api-docs} (OpenAPI 3.1), read here from the running service as a
 * relying party would: the CA's public face (chain, CRLs, OCSP) and the token routes, every route with a summary and
 * a description, every refusal a problem+json response with the codes the route really answers; OCSP's own
 * malformedRequest, deliberately, in OCSP.
 */
class OpenApiDescriptionIT extends IssuanceServiceIT {

    @Test
    void everyRouteIsDescribedWithTheProblemsItAnswers() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), docs.body()); // for a reader of the build
        assertThat(OpenApiDescriptions.routes(docs.body()))
                .containsExactlyInAnyOrder(
                        "GET /ca/chain.pem",
                        "GET /crl",
                        "GET /ca/crl/{keyId}.crl",
                        "POST /ocsp",
                        "GET /ocsp/**",
                        "GET /api/v1/certificates/{serialNumber}",
                        "POST /api/v1/ca/rollover");
        assertThat(OpenApiDescriptions.faults(docs.body())).isEmpty();
    }

    @Test
    void theRolloverDocumentsWhyACaCannotRoll() {
        JsonNode rollover = JsonMapper.shared()
                .readTree(get("/v3/api-docs").body())
                .path("paths")
                .path("/api/v1/ca/rollover")
                .path("post");

        assertThat(rollover.path("responses")
                        .path("409")
                        .path("content")
                        .path("application/problem+json")
                        .path("examples")
                        .propertyNames())
                .containsExactly("CA_CONFIGURED", "CA_ROOT_KEY_NOT_KEPT");
        assertThat(rollover.path("responses").has("401")).isTrue();
        assertThat(rollover.path("security").toString()).contains("bearer");
    }

    @Test
    void swaggerUiIsServed() {
        HttpResponse<String> ui = get("/swagger-ui/index.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void anUnknownRouteIsAProblem404WithACode() {
        HttpResponse<String> nowhere = get("/no/such/route");

        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonMapper.shared().readTree(nowhere.body()).path("code").asString())
                .isEqualTo("NOT_FOUND");
    }
}

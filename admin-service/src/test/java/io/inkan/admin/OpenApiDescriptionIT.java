package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.inkan.testsupport.OpenApiDescriptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * admin-service describes its API at {@code /v3/api-docs} (OpenAPI 3.1), open without a token like the contract that
 * documents it: every route with a summary and a description, every response described, every refusal a
 * problem+json response with the codes the route really answers. Everything else outside {@code /api} still wants a
 * token first.
 */
class OpenApiDescriptionIT extends AdminServiceIT {

    @Test
    void everyRouteIsDescribedWithTheProblemsItAnswers() throws Exception {
        MockHttpServletResponse docs =
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse();

        assertThat(docs.getStatus()).isEqualTo(200);
        String body = docs.getContentAsString(StandardCharsets.UTF_8);
        Files.writeString(Path.of("target", "openapi.json"), body); // for a reader of the build
        assertThat(OpenApiDescriptions.routes(body))
                .contains(
                        "POST /api/v1/contracts",
                        "POST /api/v1/contracts/{contractId}/users",
                        "GET /api/v1/contracts/{contractId}/users",
                        "POST /api/v1/contracts/{contractId}/users/{userId}/revocation",
                        "POST /api/v1/contracts/{contractId}/users/{userId}/password-reset",
                        "DELETE /api/v1/contracts/{contractId}/users/{userId}",
                        "GET /api/v1/contracts/{contractId}/certificates",
                        "GET /api/v1/certificates",
                        "POST /api/v1/operators/{operatorId}/unlock",
                        "GET /api/v1/audit");
        assertThat(OpenApiDescriptions.faults(body)).isEmpty();
    }

    @Test
    void everyRouteSaysItWantsABearerTokenAndAnswers401WithoutOne() throws Exception {
        JsonNode paths = JsonMapper.shared()
                .readTree(mvc.perform(get("/v3/api-docs"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("paths");

        for (var path : paths.properties()) {
            for (var operation : path.getValue().properties()) {
                assertThat(operation.getValue().path("security").toString())
                        .as(operation.getKey() + " " + path.getKey())
                        .contains("bearer");
                assertThat(operation.getValue().path("responses").has("401"))
                        .as(operation.getKey() + " " + path.getKey())
                        .isTrue();
            }
        }
    }

    @Test
    void registeringAUserDocumentsEveryConflict() throws Exception {
        JsonNode conflicts = JsonMapper.shared()
                .readTree(mvc.perform(get("/v3/api-docs"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("paths")
                .path("/api/v1/contracts/{contractId}/users")
                .path("post")
                .path("responses")
                .path("409")
                .path("content")
                .path("application/problem+json")
                .path("examples");

        assertThat(conflicts.propertyNames()).containsExactly("CONFLICT", "USER_ID_RETIRED", "USER_ID_AMBIGUOUS");
    }

    @Test
    void swaggerUiAndTheYamlAreServedWithoutAToken() throws Exception {
        MockHttpServletResponse ui =
                mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse();
        MockHttpServletResponse yaml =
                mvc.perform(get("/v3/api-docs.yaml")).andReturn().getResponse();

        assertThat(ui.getStatus()).isEqualTo(200);
        assertThat(yaml.getStatus()).isEqualTo(200);
        assertThat(yaml.getContentAsString(StandardCharsets.UTF_8)).startsWith("openapi: 3.1");
    }

    @Test
    void anUnknownRouteOutsideTheApiStillWantsATokenFirst() throws Exception {
        MockHttpServletResponse nowhere =
                mvc.perform(get("/no/such/route")).andReturn().getResponse();

        assertThat(nowhere.getStatus()).isEqualTo(401);
        assertThat(nowhere.getContentType()).startsWith("application/problem+json");
        assertThat(JsonMapper.shared()
                        .readTree(nowhere.getContentAsString())
                        .path("code")
                        .asString())
                .isEqualTo("UNAUTHENTICATED");
    }
}

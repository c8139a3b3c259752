package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.OpenApiDescriptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * auth-service describes its API at {@code /v3/api-docs} (OpenAPI 3.1), read here from the running service as a
 * client would: every route with a summary and a description, every response described, every refusal a problem+json
 * response with the codes the route really answers.
 */
class OpenApiDescriptionIT extends IntegrationTestBase {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRouteIsDescribedWithTheProblemsItAnswers() throws Exception {
        HttpResponse<String> docs = overHttp("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), docs.body()); // for a reader of the build
        assertThat(docs.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(OpenApiDescriptions.routes(docs.body()))
                .containsExactlyInAnyOrder(
                        "POST /api/v1/tokens",
                        "POST /api/v1/password-changes",
                        "GET /api/v1/sealing-certificate",
                        "GET /.well-known/jwks.json",
                        "POST /api/v1/certificate-requests",
                        "GET /api/v1/certificate-requests/{requestId}");
        assertThat(OpenApiDescriptions.faults(docs.body())).isEmpty();
    }

    @Test
    void aRuleTheNewPasswordBreaksIsDocumentedWithItsCode() throws Exception {
        JsonNode unprocessable = JSON.readTree(overHttp("/v3/api-docs").body())
                .path("paths")
                .path("/api/v1/password-changes")
                .path("post")
                .path("responses")
                .path("422")
                .path("content")
                .path("application/problem+json")
                .path("examples");

        assertThat(unprocessable.propertyNames())
                .containsExactly("PASSWORD_TOO_SHORT", "PASSWORD_SAME_AS_ID", "PASSWORD_UNCHANGED");
        assertThat(unprocessable
                        .path("PASSWORD_TOO_SHORT")
                        .path("value")
                        .path("instance")
                        .asString())
                .isEqualTo("/api/v1/password-changes");
    }

    @Test
    void theOutcomeIsOneRouteWhoseWaitIsOptional() throws Exception {
        JsonNode outcome = JSON.readTree(overHttp("/v3/api-docs").body())
                .path("paths")
                .path("/api/v1/certificate-requests/{requestId}")
                .path("get");

        JsonNode wait = null;
        for (JsonNode parameter : outcome.path("parameters")) {
            if (parameter.path("name").asString().equals("wait")) {
                wait = parameter;
            }
        }
        assertThat(wait).isNotNull();
        assertThat(wait.path("in").asString()).isEqualTo("query");
        assertThat(wait.path("required").asBoolean(false)).isFalse();
        assertThat(outcome.path("responses").propertyNames()).containsExactly("200", "400", "404", "500");
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        HttpResponse<String> ui = overHttp("/swagger-ui/index.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void anUnknownRouteIsAProblem404WithACode() throws Exception {
        HttpResponse<String> nowhere = overHttp("/no/such/route");

        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(nowhere.body()).path("code").asString()).isEqualTo("NOT_FOUND");
    }

    private HttpResponse<String> overHttp(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.inkan.notification;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * notification-service describes its API at {@code /v3/api-docs} (OpenAPI 3.1), read here from the running service:
 * every route with a summary and a description, every refusal a problem+json response with the codes the route
 * really answers. Outside {@code /api} an unknown route is a problem+json 404; under it, a token is asked for first.
 */
class OpenApiDescriptionIT extends NotificationIT {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRouteIsDescribedWithTheProblemsItAnswers() throws Exception {
        HttpResponse<String> docs = overHttp("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target", "openapi.json"), docs.body()); // for a reader of the build
        assertThat(OpenApiDescriptions.routes(docs.body())).containsExactly("GET /api/v1/notifications");
        assertThat(OpenApiDescriptions.faults(docs.body())).isEmpty();
    }

    @Test
    void swaggerUiIsServed() throws Exception {
        HttpResponse<String> ui = overHttp("/swagger-ui/index.html");

        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void anUnknownRouteIsAProblem404WithACodeAndUnderTheApiATokenIsAskedForFirst() throws Exception {
        HttpResponse<String> nowhere = overHttp("/no/such/route");
        HttpResponse<String> nowhereInTheApi = overHttp("/api/v1/no-such-route");

        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JsonMapper.shared().readTree(nowhere.body()).path("code").asString())
                .isEqualTo("NOT_FOUND");
        assertThat(nowhereInTheApi.statusCode()).isEqualTo(401);
        assertThat(JsonMapper.shared()
                        .readTree(nowhereInTheApi.body())
                        .path("code")
                        .asString())
                .isEqualTo("UNAUTHENTICATED");
    }

    private HttpResponse<String> overHttp(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.inkan.messaging.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error, whoever answers it (a controller's own refusal, Spring MVC, the body-limit filter, the container's
 * error page), comes as the one problem document: {@code application/problem+json} with {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance} and {@code code}. A real Tomcat with only this module's web
 * auto-configuration, and a real HTTP client.
 */
class ProblemsIT {
    private static final JsonMapper JSON = JsonMapper.shared();

    static ConfigurableApplicationContext service;
    static HttpClient http;
    static String base;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(ThingService.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--spring.application.name=problems-it",
                        "--spring.autoconfigure.exclude="
                                + "io.inkan.messaging.MessagingAutoConfiguration,"
                                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        base = "http://127.0.0.1:" + port;
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (http != null) http.close();
        if (service != null) service.close();
    }

    @Test
    void anUnknownRouteIs404NotFound() throws Exception {
        HttpResponse<String> response = send("GET", "/no/such/route", null, null);

        assertProblem(response, 404, "NOT_FOUND", "/no/such/route");
    }

    @Test
    void aWrongMethodIs405MethodNotAllowedAndSaysWhichAreAllowed() throws Exception {
        HttpResponse<String> response = send("DELETE", "/things", null, null);

        assertProblem(response, 405, "METHOD_NOT_ALLOWED", "/things");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void aBodyOverTheLimitIs413PayloadTooLarge() throws Exception {
        HttpResponse<String> response = send("POST", "/things", "application/json", "x".repeat(64 * 1024 + 1));

        assertProblem(response, 413, "PAYLOAD_TOO_LARGE", "/things");
    }

    @Test
    void aBodyOfAnotherContentTypeIs415UnsupportedMediaType() throws Exception {
        HttpResponse<String> response = send("POST", "/things", "text/plain", "name=x");

        assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE", "/things");
    }

    @Test
    void aBodyThatDoesNotParseIs400AndIsNotQuotedBack() throws Exception {
        HttpResponse<String> response =
                send("POST", "/things", "application/json", "{\"size\": 1, \"name\": \"hunter2-secret\"");

        JsonNode problem = assertProblem(response, 400, "VALIDATION_FAILED", "/things");
        assertThat(problem.path("errors").isArray()).isTrue();
        assertThat(response.body()).doesNotContain("hunter2");
    }

    @Test
    void aFieldOfTheWrongTypeOrValueIs400NamingTheField() throws Exception {
        // Jackson's own message would quote the value: "Cannot deserialize value of type `int` from String ..."
        HttpResponse<String> wrongType =
                send("POST", "/things", "application/json", "{\"name\":\"a\",\"size\":\"hunter2-secret\"}");
        HttpResponse<String> blank = send("POST", "/things", "application/json", "{\"name\":\" \",\"size\":1}");

        assertThat(assertProblem(wrongType, 400, "VALIDATION_FAILED", "/things")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("size");
        assertThat(wrongType.body()).doesNotContain("hunter2");
        assertThat(assertProblem(blank, 400, "VALIDATION_FAILED", "/things")
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("name");
    }

    @Test
    void aFailureInsideIs500InternalErrorAndTellsNothingOfIt() throws Exception {
        HttpResponse<String> response = send("GET", "/things/boom", null, null);

        assertProblem(response, 500, "INTERNAL_ERROR", "/things/boom");
        assertThat(response.body())
                .doesNotContain("db-password-in-a-message")
                .doesNotContain("IllegalStateException")
                .doesNotContain("io.inkan");
    }

    @Test
    void aServicesOwnRefusalKeepsItsStatusCodeAndExtraMembers() throws Exception {
        HttpResponse<String> response = send("GET", "/things/taken", null, null);

        JsonNode problem = assertProblem(response, 409, "THING_TAKEN", "/things/taken");
        assertThat(problem.path("detail").asString()).isEqualTo("This thing is taken.");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
    }

    @Test
    void anErrorThatNeverReachesMvcComesAsTheSameDocument() throws Exception {
        HttpResponse<String> thrown = send("GET", "/filtered/throws", null, null);
        HttpResponse<String> refused = send("GET", "/filtered/refuses", null, null);

        assertProblem(thrown, 500, "INTERNAL_ERROR", "/filtered/throws");
        assertThat(thrown.body()).doesNotContain("db-password-in-a-message");
        assertProblem(refused, 403, "FORBIDDEN", "/filtered/refuses");
    }

    @Test
    void theErrorPageAskedForDirectlyIsAnUnknownRoute() throws Exception {
        assertProblem(send("GET", "/error", null, null), 404, "NOT_FOUND", "/error");
    }

    @Test
    void aPathThatReadsAsAnotherHostIsNotEchoedAsOne() throws Exception {
        HttpResponse<String> response = send("GET", "//evil.example/x", null, null);

        assertThat(response.statusCode()).isEqualTo(404);
        String instance = JSON.readTree(response.body()).path("instance").asString();
        assertThat(instance).startsWith("/").doesNotStartWith("//");
        assertThat(URI.create(instance).getHost()).isNull();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code, String path) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString())
                .isEqualTo("urn:inkan:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        assertThat(problem.path("title").asString())
                .isEqualTo(HttpStatus.valueOf(status).getReasonPhrase());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        assertThat(problem.path("code").asString()).isEqualTo(code);
        return problem;
    }

    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Things.class)
    static class ThingService {
        /** Answers before MVC: throws, or refuses with the container's sendError. */
        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            Filter filter = (request, response, chain) -> {
                String path = ((HttpServletRequest) request).getRequestURI();
                if (path.equals("/filtered/throws")) {
                    throw new IllegalStateException("db-password-in-a-message");
                } else if (path.equals("/filtered/refuses")) {
                    ((HttpServletResponse) response).sendError(403);
                } else {
                    chain.doFilter(request, response);
                }
            };
            var registration = new FilterRegistrationBean<>(filter);
            registration.addUrlPatterns("/filtered/*");
            return registration;
        }
    }

    record Thing(@NotBlank String name, int size) {}

    @RestController
    static class Things {
        @PostMapping(value = "/things", consumes = "application/json")
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/things/{name}")
        Thing read(@PathVariable String name) {
            if (name.equals("boom")) {
                throw new IllegalStateException("db-password-in-a-message");
            }
            throw new TakenException();
        }
    }

    /** A service's own refusal, with a member beyond the six. */
    static final class TakenException extends ProblemException {
        TakenException() {
            super(
                    HttpStatus.CONFLICT,
                    "THING_TAKEN",
                    "This thing is taken.",
                    java.util.Map.of("errors", java.util.List.of(Problems.fieldError("name", "is taken"))));
        }
    }
}

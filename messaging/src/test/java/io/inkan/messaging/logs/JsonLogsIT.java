package io.inkan.messaging.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code logging.structured.format.console=ecs} (docs/contract.md §3, ops/README.md) each console line is one
 * Elastic Common Schema JSON object, and a line written while a request is served carries the trace id of that
 * request: the one the caller sent in its W3C {@code traceparent}. So an operator holding the trace id a bank's gateway
 * logged finds the service's stack trace of a 500 by that id. A real Tomcat, Boot's own logging set-up, the
 * OpenTelemetry starter this module brings, and a real HTTP client; the failure is logged by {@code ProblemAdvice}.
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsIT {
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final String FAILURE_LOGGED = "Unexpected failure while serving a request";

    @Test
    void theLogLineOfAFailedRequestIsJsonAndCarriesTheCallersTraceId(CapturedOutput output) throws Exception {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        int status;
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(FailingService.class)
                        .web(WebApplicationType.SERVLET)
                        .run(
                                "--server.port=0",
                                "--spring.application.name=json-logs-it",
                                "--logging.structured.format.console=ecs",
                                // as every service sets it (auth-service.properties and the others)
                                "--management.tracing.sampling.probability=1.0",
                                "--spring.autoconfigure.exclude="
                                        + "io.inkan.messaging.MessagingAutoConfiguration,"
                                        + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                        + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()) {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/certificates/boom"))
                            .timeout(Duration.ofSeconds(30))
                            .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
        }

        assertThat(status).isEqualTo(500);
        List<JsonNode> failures = jsonLines(output).stream()
                .filter(line -> FAILURE_LOGGED.equals(line.path("message").asString()))
                .toList();
        assertThat(failures).as("the failure's JSON log line in:%n%s", output).hasSize(1);
        JsonNode line = failures.getFirst();
        // Boot's ECS format: nested objects (log.level, service.name, error.*), the tracing MDC entries as they are
        assertThat(line.path("ecs").path("version").asString()).isNotBlank();
        assertThat(line.path("log").path("level").asString()).isEqualTo("ERROR");
        assertThat(line.path("service").path("name").asString()).isEqualTo("json-logs-it");
        assertThat(line.path("traceId").asString()).as("traceId of %s", line).isEqualTo(traceId);
        assertThat(line.path("spanId").asString())
                .as("the server's own span, a child of the caller's")
                .matches("\\p{XDigit}{16}")
                .isNotEqualTo(callerSpanId);
        assertThat(line.path("error").path("stack_trace").asString())
                .as("the stack trace, found by the trace id")
                .contains("IllegalStateException");
    }

    /** The console lines that are JSON objects (a line printed before logging is set up would not be). */
    private static List<JsonNode> jsonLines(CapturedOutput output) {
        return output.getOut()
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .toList();
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Certificates.class)
    static class FailingService {}

    @RestController
    static class Certificates {
        @GetMapping("/certificates/boom")
        String fail() {
            throw new IllegalStateException("the CA's keystore could not be opened");
        }
    }
}

package io.inkan.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.localstack.LocalStack.Service;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * In the local stack the four services share one JVM and one classpath, and each service's jar carries its build
 * information: {@code /actuator/info} on each service's port still names that service, not whichever jar came first
 * (each reads its own {@code META-INF/<service>/build-info.properties}, through {@code spring.info.build.location}).
 *
 * <p>All five jars are on this module's classpath whichever services run, auth-service's first. Two services are
 * started, to keep the test quick (all four in parallel took 180 s here, two 120 s): not auth-service, which named
 * itself even when every service read Boot's one default {@code META-INF/build-info.properties}, but two that then
 * named auth-service.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LocalStackBuildInfoIT {
    private static final List<Service> SERVICES = List.of(Service.ISSUANCE, Service.NOTIFICATION);

    @Test
    void eachServiceReportsItsOwnBuild(@TempDir Path dataDir) throws Exception {
        try (LocalStack stack = LocalStack.start(
                        "--inkan.data-dir=" + dataDir,
                        "--" + LocalStack.KAFKA_PORT + "=0",
                        "--" + LocalStack.KAFKA_CONTROLLER_PORT + "=0",
                        "--" + LocalStack.SMTP_PORT + "=0",
                        "--" + LocalStack.SERVICES + "=issuance,notification",
                        "--" + LocalStack.PARALLEL_START + "=true",
                        "--server.port=0",
                        "--inkan.messaging.partitions=1");
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build()) {
            for (Service service : SERVICES) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(stack.baseUri(service).resolve("/actuator/info"))
                                .timeout(Duration.ofSeconds(30))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode())
                        .as("/actuator/info of %s", service.serviceName())
                        .isEqualTo(200);
                JsonNode build = JsonMapper.shared().readTree(response.body()).path("build");
                assertThat(build.path("artifact").asString())
                        .as("/actuator/info of %s: %s", service.serviceName(), response.body())
                        .isEqualTo(service.serviceName());
                assertThat(build.path("name").asString())
                        .as("/actuator/info of %s: %s", service.serviceName(), response.body())
                        .isEqualTo("Inkan " + service.serviceName());
                assertThat(build.path("version").asString()).isNotBlank();
            }
        }
    }
}

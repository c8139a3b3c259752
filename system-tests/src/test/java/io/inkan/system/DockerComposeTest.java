package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on these machines (no Docker engine), so its promises are checked by
 * reading it: every service is health-checked, has a database of its own, and no secret is written in.
 */
class DockerComposeTest {
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PRIVATE).*");

    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "issuance-service", "admin-service", "notification-service"})
    void everyInkanServiceIsBuiltHereAndHealthChecked(String name) {
        Map<String, Object> service = services.get(name);
        assertThat(service).as(name).isNotNull();
        assertThat(map(service, "build")).containsEntry("context", ".");
        assertThat(map(map(service, "build"), "args")).containsEntry("SERVICE", name);
        assertThat(String.valueOf(map(service, "healthcheck").get("test"))).contains("/actuator/health");
        assertThat(map(map(service, "depends_on"), "kafka")).containsEntry("condition", "service_healthy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "issuance-service", "admin-service", "notification-service"})
    void everyInkanServiceHasADatabaseOfItsOwn(String name) {
        Map<String, Object> environment = map(services.get(name), "environment");
        String url = String.valueOf(environment.get("SPRING_DATASOURCE_URL"));
        String host = url.replaceFirst("jdbc:postgresql://([^:/]+).*", "$1");
        Map<String, Object> database = services.get(host);

        assertThat(database).as("database service %s of %s", host, name).isNotNull();
        assertThat(String.valueOf(database.get("image"))).startsWith("postgres:");
        assertThat(map(database, "healthcheck")).isNotEmpty();
        assertThat(map(map(services.get(name), "depends_on"), host)).containsEntry("condition", "service_healthy");
        assertThat(map(database, "environment").get("POSTGRES_USER"))
                .isEqualTo(environment.get("SPRING_DATASOURCE_USERNAME"));
        long sharing = services.values().stream()
                .filter(s -> s.get("environment") instanceof Map<?, ?> env
                        && String.valueOf(env.get("SPRING_DATASOURCE_URL")).contains("//" + host + ":"))
                .count();
        assertThat(sharing).as("services using %s", host).isEqualTo(1);
    }

    @Test
    void noSecretIsWrittenIn() {
        services.forEach((name, service) -> {
            if (service.get("environment") instanceof Map<?, ?> environment) {
                environment.forEach((key, value) -> {
                    if (SECRET_NAME.matcher(String.valueOf(key)).matches()) {
                        assertThat(String.valueOf(value))
                                .as("%s of %s must come from the environment, with no default", key, name)
                                .matches(REQUIRED_VARIABLE);
                    }
                });
            }
        });
    }

    @Test
    void operatorsGetKafkaInKraftModeAUiAndAMailCatcher() {
        assertThat(String.valueOf(map(services.get("kafka"), "environment").get("KAFKA_PROCESS_ROLES")))
                .contains("controller");
        assertThat(String.valueOf(services.get("kafka-ui").get("image"))).contains("kafka-ui");
        assertThat(String.valueOf(services.get("mailpit").get("image"))).contains("mailpit");
        assertThat(services.keySet()).contains("kafka", "kafka-ui", "mailpit");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value instanceof List<?> list) { // depends_on may be written as a list
            return Map.of();
        }
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}

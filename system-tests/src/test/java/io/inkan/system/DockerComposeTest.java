package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.Topics;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on these machines (no Docker engine), so its promises are checked by
 * reading it: every service is health-checked, has a database of its own, talks to Kafka as a SASL
 * principal of its own that ACLs confine to its own topic, and no secret is written in.
 */
class DockerComposeTest {
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|PRIVATE|ENCRYPTION_KEY).*");
    /** A password written anywhere: a JAAS option, a SCRAM config, the broker's own user list. */
    private static final Pattern PASSWORD_VALUE =
            Pattern.compile("(?:password|user_[a-z]+)=(\"[^\"]*\"|[^\\s;\\]\"]+)", Pattern.CASE_INSENSITIVE);
    /** What a command may write in a password's place: a variable of its container, a function argument. */
    private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\$(\\{?[A-Z0-9_]+}?|[1-9])|%s");

    private static final List<String> INKAN_SERVICES =
            List.of("auth-service", "issuance-service", "admin-service", "notification-service");
    private static final Map<String, String> OWN_TOPIC = Map.of(
            "auth-service", Topics.AUTH,
            "issuance-service", Topics.ISSUANCE,
            "admin-service", Topics.ADMIN,
            "notification-service", Topics.NOTIFICATION);

    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
            compose = new Yaml().load(reader);
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
        // postgres:18 and later keep their data under /var/lib/postgresql/<major>/: a volume on .../data would
        // leave the database in the container, lost when it is recreated
        assertThat(String.valueOf(database.get("volumes")))
                .as("%s keeps its data on a volume", host)
                .matches("\\[[a-z-]+:/var/lib/postgresql\\]");
        assertThat(map(database, "healthcheck")).isNotEmpty();
        assertThat(map(map(services.get(name), "depends_on"), host)).containsEntry("condition", "service_healthy");
        assertThat(map(database, "environment").get("POSTGRES_USER"))
                .isEqualTo(environment.get("SPRING_DATASOURCE_USERNAME"));
        List<String> sharing = services.entrySet().stream()
                .filter(s -> s.getValue().get("environment") instanceof Map<?, ?> env
                        && String.valueOf(env.get("SPRING_DATASOURCE_URL")).contains("//" + host + ":"))
                .map(s -> String.valueOf(map(map(s.getValue(), "build"), "args").get("SERVICE")))
                .distinct()
                .toList();
        assertThat(sharing).as("services using %s", host).containsExactly(name);
    }

    /** docs/contract.md §8: instances of one service on one database with one key are one service. */
    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "issuance-service", "admin-service", "notification-service"})
    void everyServiceRunsTwiceOnOneDatabaseWithOneKeyEncryptionKey(String name) {
        Map<String, Object> first = services.get(name);
        Map<String, Object> second = services.get(name + "-2");
        assertThat(second).as("a second instance of %s", name).isNotNull();
        assertThat(map(map(second, "build"), "args")).containsEntry("SERVICE", name);
        Map<String, Object> firstEnvironment = map(first, "environment");
        Map<String, Object> secondEnvironment = map(second, "environment");
        for (String shared : List.of(
                "SPRING_DATASOURCE_URL",
                "SPRING_DATASOURCE_USERNAME",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                "INKAN_KEYS_ENCRYPTION_KEY")) {
            assertThat(secondEnvironment.get(shared))
                    .as("%s of %s-2", shared, name)
                    .isEqualTo(firstEnvironment.get(shared));
        }
        assertThat(strings(second.get("ports"))).doesNotContainAnyElementsOf(strings(first.get("ports")));
        if (name.equals("auth-service") || name.equals("issuance-service")) {
            assertThat(String.valueOf(firstEnvironment.get("INKAN_KEYS_ENCRYPTION_KEY")))
                    .as("%s keeps its keys in its database, wrapped by a key from .env", name)
                    .matches(REQUIRED_VARIABLE);
            assertThat(first.get("volumes"))
                    .as("no key of %s on a volume of one instance", name)
                    .isNull();
        }
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

    /** Every password in the file (JAAS options, SCRAM configs, scripts) comes from the environment. */
    @Test
    void noPasswordIsWrittenInAnywhere() {
        List<String> found = new ArrayList<>();
        strings(compose, found);
        List<String> passwords = new ArrayList<>();
        for (String text : found) {
            Matcher matcher = PASSWORD_VALUE.matcher(text);
            while (matcher.find()) {
                passwords.add(matcher.group(1).replaceAll("^\"|\"$", ""));
            }
        }
        assertThat(passwords)
                .isNotEmpty()
                .allSatisfy(password -> assertThat(password)
                        .as("a password must be ${VAR:?…} from .env, or a shell reference to one")
                        .satisfiesAnyOf(
                                p -> assertThat(p).matches(REQUIRED_VARIABLE),
                                p -> assertThat(p).matches(SHELL_REFERENCE)));
    }

    @Test
    void kafkaAuthenticatesOnEveryListenerAndAuthorizesByAclOnly() {
        Map<String, Object> kafka = map(services.get("kafka"), "environment");

        assertThat(Arrays.stream(String.valueOf(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
                                .split(","))
                        .map(entry -> entry.substring(entry.indexOf(':') + 1)))
                .as("no listener without authentication")
                .isNotEmpty()
                .allMatch(protocol -> protocol.equals("SASL_PLAINTEXT") || protocol.equals("SASL_SSL"));
        assertThat(kafka)
                .containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                // the one super user is the broker's own identity, for the broker and kafka-init
                .containsEntry("KAFKA_SUPER_USERS", "User:broker");
    }

    @Test
    void theListenerTheServicesUseTakesScramOnly() {
        Map<String, Object> kafka = map(services.get("kafka"), "environment");
        String bootstrap =
                String.valueOf(map(services.get("auth-service"), "environment").get("SPRING_KAFKA_BOOTSTRAP_SERVERS"));
        String listener = Arrays.stream(
                        String.valueOf(kafka.get("KAFKA_ADVERTISED_LISTENERS")).split(","))
                .filter(advertised -> advertised.endsWith("://" + bootstrap))
                .map(advertised -> advertised.substring(0, advertised.indexOf(':')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no listener advertises " + bootstrap));

        assertThat(kafka)
                .containsEntry("KAFKA_LISTENER_NAME_" + listener + "_SASL_ENABLED_MECHANISMS", "SCRAM-SHA-512")
                .containsKey("KAFKA_LISTENER_NAME_" + listener + "_SCRAM___SHA___512_SASL_JAAS_CONFIG");
        assertThat(String.valueOf(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")))
                .contains(listener + ":SASL_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "issuance-service", "admin-service", "notification-service"})
    void everyInkanServiceTalksToKafkaAsAPrincipalOfItsOwn(String name) {
        Map<String, Object> environment = map(services.get(name), "environment");
        String jaas = String.valueOf(environment.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));

        assertThat(String.valueOf(environment.get("SPRING_KAFKA_SECURITY_PROTOCOL")))
                .isIn("SASL_PLAINTEXT", "SASL_SSL");
        assertThat(environment).containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(jaas).contains("ScramLoginModule required").contains("username=\"" + name + "\"");
        assertThat(map(map(services.get(name), "depends_on"), "kafka-init"))
                .containsEntry("condition", "service_completed_successfully");
        long sharing = INKAN_SERVICES.stream()
                .filter(other -> passwordVariable(jaasOf(other)).equals(passwordVariable(jaas)))
                .count();
        assertThat(sharing).as("services sharing %s's Kafka password", name).isEqualTo(1);
    }

    @Test
    void aOneShotInitCreatesTheTopicsTheIdentitiesAndTheAcls() {
        Map<String, Object> init = services.get("kafka-init");
        String script = String.join("\n", strings(init.get("command")));

        assertThat(init.get("image")).isEqualTo(services.get("kafka").get("image"));
        assertThat(String.valueOf(init.get("restart"))).isEqualTo("no");
        assertThat(map(map(init, "depends_on"), "kafka")).containsEntry("condition", "service_healthy");
        assertThat(script)
                .contains("kafka-configs.sh", "SCRAM-SHA-512", "kafka-acls.sh", "kafka-topics.sh")
                .contains("--bootstrap-server kafka:9091"); // the internal listener, as the super user
        for (String principal : List.of(
                "auth-service", "issuance-service", "admin-service", "notification-service", "frontend", "kafka-ui")) {
            assertThat(script).as("SCRAM identity of %s", principal).containsPattern("(?m)^scram " + principal + " ");
        }
        Matcher topics = Pattern.compile("(?m)^for topic in ([^;]+);").matcher(script);
        assertThat(topics.find()).as("the topic loop").isTrue();
        assertThat(topics.group(1).trim().split("\\s+")).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(script).contains("\"$$topic-dlt\"");
    }

    /**
     * The grants follow what each service really does: it writes its own topic, reads what its
     * {@code inkan.messaging.consumes} names, and writes the dead-letter topics of those.
     */
    @ParameterizedTest
    @ValueSource(strings = {"auth-service", "issuance-service", "admin-service", "notification-service"})
    void eachServiceMayWriteOnlyItsOwnTopicAndReadWhatItConsumes(String name) throws Exception {
        String script = String.join("\n", strings(services.get("kafka-init").get("command")));
        Matcher grant = Pattern.compile("(?m)^service " + name + " (.+)$").matcher(script);
        assertThat(grant.find()).as("ACLs of %s", name).isTrue();
        List<String> topics = List.of(grant.group(1).trim().split("\\s+"));

        assertThat(topics.getFirst()).as("the topic %s writes", name).isEqualTo(OWN_TOPIC.get(name));
        assertThat(topics.subList(1, topics.size())).containsExactlyInAnyOrderElementsOf(consumes(name));
        assertThat(grant.find()).as("one grant line for %s", name).isFalse();
        assertThat(script)
                .as("the service grant: WRITE own topic, READ consumed ones, WRITE their DLTs, READ its group")
                .contains("allow \"$$name\" --operation WRITE --topic \"$$own\"")
                .contains("allow \"$$name\" --operation READ --topic \"$$topic\"")
                .contains("allow \"$$name\" --operation WRITE --topic \"$$topic-dlt\"")
                .contains("allow \"$$name\" --operation READ --group \"$$name\"");
    }

    @Test
    void frontEndsMayWriteOnlyTheirRequestsTopicAndTheUiOnlyLooks() {
        String script = String.join("\n", strings(services.get("kafka-init").get("command")));
        List<String> frontend = lines(script, "allow frontend ");
        List<String> ui = lines(script, "allow kafka-ui ");

        assertThat(frontend.stream().filter(line -> line.contains("WRITE")))
                .containsExactly("allow frontend --operation WRITE --topic " + Topics.FRONTEND_REQUESTS);
        assertThat(frontend).allSatisfy(line -> assertThat(line).doesNotContain("--group", "--cluster", "ALL"));
        assertThat(ui)
                .isNotEmpty()
                .allSatisfy(line ->
                        assertThat(line).doesNotContain("WRITE", "ALTER", "CREATE", "DELETE", "ALL", "IDEMPOTENT"));
    }

    @Test
    void theKafkaUiAsksForALoginAndConnectsAsItsOwnPrincipal() {
        Map<String, Object> ui = map(services.get("kafka-ui"), "environment");

        assertThat(ui).containsEntry("AUTH_TYPE", "LOGIN_FORM");
        assertThat(String.valueOf(ui.get("SPRING_SECURITY_USER_PASSWORD"))).matches(REQUIRED_VARIABLE);
        assertThat(String.valueOf(ui.get("KAFKA_CLUSTERS_0_PROPERTIES_SECURITY_PROTOCOL")))
                .startsWith("SASL_");
        assertThat(ui).containsEntry("KAFKA_CLUSTERS_0_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        assertThat(String.valueOf(ui.get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG")))
                .contains("username=\"kafka-ui\"");
        assertThat(map(map(services.get("kafka-ui"), "depends_on"), "kafka-init"))
                .containsEntry("condition", "service_completed_successfully");
    }

    @Test
    void kafkaKeepsItsLogOnItsVolumeSoARecreateLosesNoTopic() {
        Map<String, Object> kafka = services.get("kafka");
        String logDirs = String.valueOf(map(kafka, "environment").get("KAFKA_LOG_DIRS"));

        assertThat(strings(kafka.get("volumes"))).anySatisfy(volume -> {
            String[] parts = volume.split(":");
            assertThat(parts[1]).isEqualTo(logDirs);
            assertThat(map(compose, "volumes")).containsKey(parts[0]);
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

    private static String jaasOf(String service) {
        return String.valueOf(
                map(services.get(service), "environment").get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"));
    }

    private static String passwordVariable(String jaas) {
        Matcher password = Pattern.compile("password=\"(\\$\\{[A-Z0-9_]+)").matcher(jaas);
        assertThat(password.find()).as("a password variable in %s", jaas).isTrue();
        return password.group(1);
    }

    private static Set<String> consumes(String service) throws Exception {
        Properties properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(Path.of("..", service, "src/main/resources", service + ".properties"))) {
            properties.load(reader);
        }
        return new HashSet<>(
                List.of(properties.getProperty("inkan.messaging.consumes").split("\\s*,\\s*")));
    }

    private static List<String> lines(String script, String prefix) {
        return script.lines()
                .map(String::trim)
                .filter(line -> line.startsWith(prefix))
                .toList();
    }

    /** Every string value under {@code node}, keys included. */
    private static List<String> strings(Object node) {
        List<String> found = new ArrayList<>();
        strings(node, found);
        return found;
    }

    private static void strings(Object node, List<String> found) {
        if (node instanceof Map<?, ?> values) {
            values.forEach((key, value) -> {
                found.add(String.valueOf(key));
                strings(value, found);
            });
        } else if (node instanceof List<?> values) {
            values.forEach(value -> strings(value, found));
        } else if (node != null) {
            found.add(String.valueOf(node));
        }
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

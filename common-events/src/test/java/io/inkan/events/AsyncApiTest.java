package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import tools.jackson.databind.JsonNode;

/**
 * docs/asyncapi.yaml, the description of the topics the bank's engineers read, against the code: a message per
 * golden file with that file as its example, each topic's channel carrying exactly what {@link Topics} binds to
 * it, and each payload schema naming exactly the record's members. A new event fails here until the document
 * describes it, and the failure says what to add.
 */
class AsyncApiTest {
    static final Path DOCUMENT = Path.of("..", "docs", "asyncapi.yaml");

    /** The {@code ce_source} of each topic's producer. */
    static final Map<String, String> SOURCES = Map.of(
            Topics.ADMIN, "/admin-service",
            Topics.FRONTEND_REQUESTS, "/frontend-client",
            Topics.AUTH, "/auth-service",
            Topics.ISSUANCE, "/issuance-service",
            Topics.NOTIFICATION, "/notification-service");

    /** The document's channel of each topic; its dead-letter topic's channel adds {@code DeadLetter}. */
    static final Map<String, String> CHANNELS = Map.of(
            Topics.ADMIN, "adminEvents",
            Topics.FRONTEND_REQUESTS, "frontendRequests",
            Topics.AUTH, "authEvents",
            Topics.ISSUANCE, "issuanceEvents",
            Topics.NOTIFICATION, "notificationEvents");

    static final Iterable<String> TOPICS = Topics.ALL;

    private static Map<String, Object> document;

    @BeforeAll
    static void read() throws IOException {
        try (Reader in = Files.newBufferedReader(DOCUMENT)) {
            document = map(yaml().load(in), "the document");
        }
    }

    /** Every type with a golden file or a wire name, so neither can be added without the document. */
    static Stream<String> eventTypes() {
        Set<String> types = new TreeSet<>(Golden.typesWithAFile());
        types.addAll(EventTypes.names());
        return types.stream();
    }

    @Test
    void isAnAsyncApi3DocumentOfTheKafkaServers() {
        assertThat(document.get("asyncapi")).isEqualTo("3.0.0");
        assertThat(map(document.get("servers"), "servers").values())
                .isNotEmpty()
                .allSatisfy(server ->
                        assertThat(map(server, "server").get("protocol")).isEqualTo("kafka"));
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyEventTypeIsAMessageWithItsGoldenFileAsExample(String type) {
        Map<String, Object> message = messageNamed(type);
        if (message == null) {
            fail(new AsyncApiMessage(type).snippet());
        }
        List<?> examples = (List<?>) message.get("examples");
        assertThat(examples).as("examples of " + type).isNotEmpty();
        Map<String, Object> example = map(examples.getFirst(), "the example of " + type);
        JsonNode payload = Golden.JSON.valueToTree(example.get("payload"));
        assertThat(payload)
                .as(
                        "the example of %s differs from its golden file: copy "
                                + "common-events/src/test/resources/golden/%s.json into its payload",
                        type, type)
                .isEqualTo(Golden.tree(type));
        Map<String, Object> headers = map(example.get("headers"), "the example headers of " + type);
        assertThat(headers.get(CloudEventHeaders.TYPE)).as("ce_type of " + type).isEqualTo(type);
        assertThat(headers.get(CloudEventHeaders.SUBJECT))
                .as("ce_subject of the example of %s: the golden event's key", type)
                .isEqualTo(Golden.event(type).key());
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void everyMessageSchemaNamesExactlyTheRecordsMembers(String type) {
        Map<String, Object> message = messageNamed(type);
        if (message == null) {
            fail(new AsyncApiMessage(type).snippet());
        }
        AsyncApiMessage expected = new AsyncApiMessage(type);
        String where = "components.messages." + expected.component + ".payload";
        Map<String, Object> payload = map(message.get("payload"), where);
        Map<String, Object> properties = map(payload.get("properties"), where + ".properties");
        List<String> problems = new ArrayList<>();
        expected.properties().forEach((field, schema) -> {
            Object described = properties.get(field);
            if (described == null) {
                problems.add(expected.component + " has the member " + field + " that the schema lacks: add under "
                        + where + ".properties:\n" + AsyncApiMessage.yaml(Map.of(field, schema)));
            } else if (!schema.equals(withoutDescription(map(described, field)))) {
                problems.add(where + ".properties." + field + " should be:\n"
                        + AsyncApiMessage.yaml(Map.of(field, schema)) + "(descriptions may be added)");
            }
        });
        properties.keySet().stream()
                .filter(field -> !expected.properties().containsKey(field))
                .forEach(field -> problems.add(where + ".properties." + field + " is no member of "
                        + expected.record.getName() + ": remove it"));
        if (!Objects.equals(payload.get("required"), expected.required())) {
            problems.add(where + ".required should be " + expected.required());
        }
        assertThat(problems).as("docs/asyncapi.yaml, " + type).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("TOPICS")
    void eachTopicsChannelCarriesExactlyTheEventsTopicsBindsToIt(String topic) {
        Set<String> bound = EventTypes.names().stream()
                .filter(type -> Topics.carries(topic, EventTypes.classOf(type).orElseThrow()))
                .collect(Collectors.toCollection(TreeSet::new));
        String channel = CHANNELS.get(topic);
        assertThat(channel)
                .as("a channel name for " + topic + " in AsyncApiTest.CHANNELS")
                .isNotNull();
        assertCarries(channel, topic, bound);
        assertCarries(channel + "DeadLetter", Topics.deadLetter(topic), bound);
    }

    @Test
    void everyChannelIsATopicOrItsDeadLetterTopic() {
        Set<String> known = Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .collect(Collectors.toSet());
        assertThat(channels().values())
                .map(channel -> map(channel, "channel").get("address"))
                .as("the channels' addresses")
                .containsExactlyInAnyOrderElementsOf(known);
    }

    @Test
    void everyTopicHasASenderAndEveryOperationNamesAChannel() {
        Map<String, Object> operations = map(document.get("operations"), "operations");
        Set<String> sent = new TreeSet<>();
        operations.forEach((name, value) -> {
            Map<String, Object> operation = map(value, "operations." + name);
            String ref =
                    (String) map(operation.get("channel"), name + ".channel").get("$ref");
            assertThat(ref).as(name + ".channel").startsWith("#/channels/");
            String channel = ref.substring("#/channels/".length());
            assertThat(channels()).as(name + ".channel").containsKey(channel);
            if ("send".equals(operation.get("action"))) {
                sent.add(channel);
            } else {
                assertThat(operation.get("action")).as(name + ".action").isEqualTo("receive");
            }
        });
        assertThat(sent).containsAll(CHANNELS.values());
    }

    private static void assertCarries(String channel, String address, Set<String> bound) {
        Map<String, Object> described = map(channels().get(channel), "channels." + channel + " (" + address + ")");
        assertThat(described.get("address"))
                .as("channels." + channel + ".address")
                .isEqualTo(address);
        Map<String, Object> messages = map(described.get("messages"), "channels." + channel + ".messages");
        Set<String> carried = new TreeSet<>();
        messages.forEach((key, ref) -> {
            Map<String, Object> message = resolve((String) map(ref, key).get("$ref"));
            carried.add((String) message.get("name"));
        });
        List<String> problems = new ArrayList<>();
        bound.stream()
                .filter(type -> !carried.contains(type))
                .map(type -> EventTypes.classOf(type).orElseThrow().getSimpleName())
                .forEach(name -> problems.add("add to channels." + channel + ".messages:\n      " + name
                        + ":\n        $ref: '#/components/messages/" + name + "'"));
        carried.stream()
                .filter(type -> !bound.contains(type))
                .forEach(type -> problems.add("remove " + type + " from channels." + channel + ".messages: " + address
                        + " does not carry it"));
        assertThat(problems).as("docs/asyncapi.yaml, " + address).isEmpty();
    }

    private static Map<String, Object> messageNamed(String type) {
        return map(map(document.get("components"), "components").get("messages"), "components.messages")
                .values()
                .stream()
                .map(message -> map(message, "message"))
                .filter(message -> type.equals(message.get("name")))
                .findFirst()
                .orElse(null);
    }

    private static Map<String, Object> channels() {
        return map(document.get("channels"), "channels");
    }

    /** A local {@code $ref} such as {@code #/components/messages/CertificateIssued}. */
    private static Map<String, Object> resolve(String ref) {
        assertThat(ref).as("a local $ref").startsWith("#/");
        Object node = document;
        for (String step : ref.substring(2).split("/")) {
            node = map(node, ref).get(step);
        }
        return map(node, ref);
    }

    /** The schema without what only people read, to compare with the record's. */
    private static Map<String, Object> withoutDescription(Map<String, Object> schema) {
        Map<String, Object> compared = new java.util.LinkedHashMap<>(schema);
        compared.remove("description");
        compared.remove("examples");
        return compared;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new AssertionError("docs/asyncapi.yaml: " + what + " is missing or not a mapping");
        }
        return (Map<String, Object>) map;
    }

    /** Timestamps stay strings, as in the JSON they describe. */
    private static Yaml yaml() {
        Resolver withoutTimestamps = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO", 10);
                addImplicitResolver(Tag.INT, INT, "-+0123456789");
                addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
                addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
                addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
                addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            }
        };
        DumperOptions dumper = new DumperOptions();
        LoaderOptions loader = new LoaderOptions();
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader, withoutTimestamps);
    }
}

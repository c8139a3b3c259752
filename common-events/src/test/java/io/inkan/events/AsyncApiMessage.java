package io.inkan.events;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What docs/asyncapi.yaml must say about one event type, worked out from its record and its golden file: the
 * payload schema (a member per record component, its JSON type, and which members the record refuses to be
 * without), and the golden example. {@link #snippet()} is the YAML to paste when the document lacks the message.
 */
final class AsyncApiMessage {
    private static final String NULL = "null";

    final String type;
    final String component;
    final Class<? extends InkanEvent> record;

    AsyncApiMessage(String type) {
        this.type = type;
        this.record = EventTypes.classOf(type)
                .orElseThrow(() -> new AssertionError(
                        "golden file " + type + ".json names no event type EventTypes knows: add the record first"));
        this.component = record.getSimpleName();
    }

    /** {@code properties} of the payload schema: name → {type, format?, enum?}. */
    Map<String, Map<String, Object>> properties() {
        List<String> required = required();
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        for (RecordComponent field : record.getRecordComponents()) {
            properties.put(field.getName(), schemaOf(field.getType(), required.contains(field.getName())));
        }
        return properties;
    }

    /**
     * The members an event cannot be built without: primitives, and those its constructor refuses as null (tried
     * on the golden event, one member at a time), so the schema says what producers really guarantee.
     */
    List<String> required() {
        InkanEvent golden = Golden.event(type);
        RecordComponent[] fields = record.getRecordComponents();
        Object[] values =
                Arrays.stream(fields).map(field -> read(field, golden)).toArray();
        Constructor<?> canonical = canonicalConstructor(fields);
        List<String> required = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].getType().isPrimitive()) {
                required.add(fields[i].getName());
                continue;
            }
            Object[] withoutOne = values.clone();
            withoutOne[i] = null;
            try {
                canonical.newInstance(withoutOne);
            } catch (InvocationTargetException refused) {
                required.add(fields[i].getName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return required;
    }

    private Constructor<?> canonicalConstructor(RecordComponent[] fields) {
        try {
            return record.getDeclaredConstructor(
                    Arrays.stream(fields).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(RecordComponent field, Object event) {
        try {
            return field.getAccessor().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A member's schema; a member the record may leave out is null in the JSON, so its type admits null. */
    private Map<String, Object> schemaOf(Class<?> javaType, boolean required) {
        String jsonType;
        String format = null;
        List<Object> values = null;
        if (javaType == String.class) {
            jsonType = "string";
        } else if (javaType == Instant.class) {
            jsonType = "string";
            format = "date-time";
        } else if (javaType.isEnum()) {
            jsonType = "string";
            values = new ArrayList<>(Arrays.stream(javaType.getEnumConstants())
                    .map(constant -> Golden.JSON.convertValue(constant, String.class))
                    .toList());
        } else if (javaType == int.class
                || javaType == Integer.class
                || javaType == long.class
                || javaType == Long.class) {
            jsonType = "integer";
        } else if (javaType == boolean.class || javaType == Boolean.class) {
            jsonType = "boolean";
        } else {
            throw new AssertionError(component + " has a member of type " + javaType.getName()
                    + " that AsyncApiMessage cannot describe: teach it the type's JSON form");
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", required ? jsonType : List.of(jsonType, NULL));
        if (format != null) {
            schema.put("format", format);
        }
        if (values != null) {
            if (!required) {
                values.add(null);
            }
            schema.put("enum", values);
        }
        return schema;
    }

    /** The example headers: what the relay sends with the golden event. */
    Map<String, Object> exampleHeaders() {
        InkanEvent golden = Golden.event(type);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        headers.put(
                CloudEventHeaders.ID,
                UUID.nameUUIDFromBytes(type.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString());
        headers.put(CloudEventHeaders.TYPE, type);
        headers.put(CloudEventHeaders.SOURCE, AsyncApiTest.SOURCES.get(Topics.of(record)));
        headers.put(CloudEventHeaders.TIME, lastInstant(golden));
        headers.put(CloudEventHeaders.SUBJECT, golden.key());
        headers.put(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.APPLICATION_JSON);
        return headers;
    }

    private String lastInstant(InkanEvent golden) {
        String last = null;
        for (RecordComponent field : record.getRecordComponents()) {
            if (field.getType() == Instant.class && read(field, golden) != null) {
                last = read(field, golden).toString();
            }
        }
        return last;
    }

    /** The message as it belongs under {@code components.messages}. */
    Map<String, Object> definition() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "object");
        payload.put("required", required());
        payload.put("properties", properties());
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("name", "golden");
        example.put("summary", "common-events/src/test/resources/golden/" + type + ".json");
        example.put("headers", exampleHeaders());
        example.put("payload", Golden.JSON.convertValue(Golden.tree(type), Map.class));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("name", type);
        message.put("title", component);
        message.put("summary", "TODO: what happened, in one sentence (see docs/events.md)");
        message.put("contentType", CloudEventHeaders.APPLICATION_JSON);
        message.put("headers", Map.of("$ref", "#/components/schemas/CloudEventHeaders"));
        message.put("bindings", Map.of("$ref", "#/components/messageBindings/keyIsSubject"));
        message.put("payload", payload);
        message.put("examples", List.of(example));
        return message;
    }

    /** The YAML a person adds to docs/asyncapi.yaml so that the document describes this type. */
    String snippet() {
        String topic = Topics.of(record);
        String channel = AsyncApiTest.CHANNELS.get(topic);
        return "docs/asyncapi.yaml has no message for " + type + ". Add under components.messages:\n\n"
                + indent(yaml(Map.of(component, definition())), "    ")
                + "\nand to the messages of channels." + channel + " (" + topic + ") and channels." + channel
                + "DeadLetter (" + Topics.deadLetter(topic) + "):\n\n"
                + indent(yaml(Map.of(component, Map.of("$ref", "#/components/messages/" + component))), "      ");
    }

    static String yaml(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(10_000);
        options.setSplitLines(false);
        return new Yaml(options).dump(tree);
    }

    private static String indent(String text, String prefix) {
        return text.lines().map(line -> prefix + line).reduce("", (a, b) -> a + b + "\n");
    }
}

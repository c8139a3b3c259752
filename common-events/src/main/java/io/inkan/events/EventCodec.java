package io.inkan.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of the events: camelCase members, ISO-8601 UTC timestamps, enums by name (revocation
 * reasons by their RFC 5280 name). Readers ignore members they do not know, so producers may add
 * fields without breaking older consumers.
 */
public final class EventCodec {
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public byte[] encode(InkanEvent event) {
        return json.writeValueAsBytes(event);
    }

    public String encodeToString(InkanEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /**
     * Reads a record's value as the event its {@code ce_type} names.
     *
     * @return empty when the type is unknown to this version: the consumer skips it
     * @throws UnreadableEventException when the type is known but the value is not a valid event
     */
    public Optional<InkanEvent> decode(String type, byte[] value) {
        Optional<Class<? extends InkanEvent>> target = EventTypes.classOf(type);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        if (value == null || value.length == 0) {
            throw new UnreadableEventException(type + " without a value");
        }
        try {
            return Optional.of(json.readValue(value, target.get()));
        } catch (JacksonException e) {
            throw new UnreadableEventException("not a readable " + type + ": " + rootMessage(e), e);
        }
    }

    public <E extends InkanEvent> E decode(Class<E> type, String value) {
        try {
            return json.readValue(value, type);
        } catch (JacksonException e) {
            throw new UnreadableEventException("not a readable " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(JacksonException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
    }
}

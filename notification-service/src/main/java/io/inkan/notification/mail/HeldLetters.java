package io.inkan.notification.mail;

import io.inkan.events.MailKind;
import io.inkan.events.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A held mail's letter as the JSON kept in {@code outgoing_mail.held_letter}, until its recipient is known and it can
 * be composed in their language and with their name. Each variable keeps its type ({@code ["instant", "…"]}), since
 * the templates format times and spans by type.
 */
final class HeldLetters {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HeldLetters() {}

    static String write(Mailer.Letter letter) {
        Map<String, Object> variables = new LinkedHashMap<>();
        letter.variables().forEach((name, value) -> variables.put(name, typed(name, value)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", letter.kind().name());
        json.put("template", letter.template());
        json.put("serialNumber", letter.serialNumber());
        json.put("variables", variables);
        return JSON.writeValueAsString(json);
    }

    @SuppressWarnings("unchecked")
    static Mailer.Letter read(String text) {
        Map<String, Object> json = JSON.readValue(text, Map.class);
        Map<String, Object> variables = new LinkedHashMap<>();
        ((Map<String, List<Object>>) json.get("variables"))
                .forEach((name, typed) -> variables.put(name, value((String) typed.get(0), typed.get(1))));
        return new Mailer.Letter(
                MailKind.valueOf((String) json.get("kind")),
                (String) json.get("template"),
                (String) json.get("serialNumber"),
                variables);
    }

    private static List<Object> typed(String name, Object value) {
        return switch (value) {
            case null -> List.of("null", "");
            case Instant instant -> List.of("instant", instant.toString());
            case Span span -> List.of("span", span.toString());
            case Boolean b -> List.of("boolean", b);
            case Integer i -> List.of("int", i);
            case Long l -> List.of("long", l);
            case String s -> List.of("string", s);
            case List<?> list
            when list.stream().allMatch(Span.class::isInstance) ->
                List.of("spans", list.stream().map(Object::toString).toList());
            default ->
                throw new IllegalArgumentException("mail variable " + name + " cannot be held: "
                        + value.getClass().getName());
        };
    }

    private static Object value(String type, Object json) {
        return switch (type) {
            case "null" -> null;
            case "instant" -> Instant.parse((String) json);
            case "span" -> Span.valueOf((String) json);
            case "boolean" -> (Boolean) json;
            case "int" -> ((Number) json).intValue();
            case "long" -> ((Number) json).longValue();
            case "string" -> (String) json;
            case "spans" -> {
                List<Span> spans = new ArrayList<>();
                for (Object span : (List<?>) json) {
                    spans.add(Span.valueOf((String) span));
                }
                yield List.copyOf(spans);
            }
            default -> throw new IllegalArgumentException("unknown held mail variable type " + type);
        };
    }
}

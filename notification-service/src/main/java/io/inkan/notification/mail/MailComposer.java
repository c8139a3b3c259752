package io.inkan.notification.mail;

import io.inkan.events.Span;
import io.inkan.notification.directory.Recipient;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders mails from the Thymeleaf TEXT templates {@code templates/mail/<language>/<template>.txt}. The
 * first line of a rendered template is the subject, the rest (after one blank line) the body. Times are
 * shown in JST, as the bank's customers read them; configured lengths ({@link Span}) in words. Every template may
 * name the bank's help desk ({@code helpDesk}, {@code helpDeskPhone}), and none carries a link.
 */
final class MailComposer {
    static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter JA = DateTimeFormatter.ofPattern("uuuu年M月d日 HH:mm", Locale.JAPAN);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'JST'", Locale.ENGLISH);

    private final SpringTemplateEngine engine; // SpEL, not OGNL (not on the classpath)
    private final HelpDesk helpDesk;

    MailComposer() {
        this(HelpDesk.DEFAULT);
    }

    MailComposer(HelpDesk helpDesk) {
        this.helpDesk = helpDesk;
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        resolver.setPrefix("templates/");
        resolver.setSuffix(".txt");
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    record Composed(String subject, String body) {}

    /**
     * @param language {@code ja} or {@code en}
     * @param variables the template's variables; {@link Instant} values are also offered formatted in JST
     *     as {@code <name>Jst}, {@link Span} values (and lists of them) in words as {@code <name>Text}
     */
    Composed compose(String template, String language, Map<String, Object> variables) {
        String lang = Recipient.ENGLISH.equals(language) ? Recipient.ENGLISH : Recipient.JAPANESE;
        Map<String, Object> all = new HashMap<>(variables);
        variables.forEach((name, value) -> {
            if (value instanceof Instant instant) {
                all.put(name + "Jst", format(instant, lang));
            } else if (value instanceof Span span) {
                all.put(name + "Text", SpanWords.of(span, lang));
            } else if (value instanceof List<?> list && list.stream().allMatch(Span.class::isInstance)) {
                all.put(
                        name + "Text",
                        SpanWords.list(list.stream().map(Span.class::cast).toList(), lang));
            }
        });
        all.put("helpDesk", helpDesk.name(lang));
        all.put("helpDeskPhone", helpDesk.phone());
        Locale locale = lang.equals(Recipient.ENGLISH) ? Locale.ENGLISH : Locale.JAPAN;
        String text = engine.process("mail/" + lang + "/" + template, new Context(locale, all));
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw new IllegalStateException("mail template " + template + " has no body");
        }
        return new Composed(
                text.substring(0, newline).strip(), text.substring(newline + 1).stripLeading());
    }

    static String format(Instant instant, String language) {
        return (Recipient.ENGLISH.equals(language) ? EN : JA).format(instant.atZone(JST));
    }
}

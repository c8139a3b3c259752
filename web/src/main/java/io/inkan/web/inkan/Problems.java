package io.inkan.web.inkan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the stable {@code code} of a problem+json answer (docs/contract.md §4), or "" when there is none. */
final class Problems {
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]{1,64})\"");

    private Problems() {}

    static String code(InputStream body) {
        try (body) {
            String text = new String(body.readNBytes(16 * 1024), StandardCharsets.UTF_8);
            Matcher matcher = CODE.matcher(text);
            return matcher.find() ? matcher.group(1) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

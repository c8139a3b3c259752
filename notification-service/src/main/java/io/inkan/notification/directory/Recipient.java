package io.inkan.notification.directory;

import io.inkan.events.Realm;

/**
 * Someone notification-service can mail: a user or a contract's administrator, with the language of
 * their mails ({@code ja} unless they chose {@code en}).
 */
public record Recipient(String contractId, Realm realm, String accountId, String name, String email, String language) {

    public static final String JAPANESE = "ja";
    public static final String ENGLISH = "en";

    /** Only Japanese and English templates exist; any other tag (or none) reads as Japanese. */
    static String languageOf(String tag) {
        if (tag == null) {
            return JAPANESE;
        }
        String lower = tag.trim().toLowerCase(java.util.Locale.ROOT);
        return lower.equals("en") || lower.startsWith("en-") || lower.startsWith("en_") ? ENGLISH : JAPANESE;
    }

    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }
}

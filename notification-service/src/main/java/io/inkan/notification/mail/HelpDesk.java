package io.inkan.notification.mail;

import io.inkan.notification.directory.Recipient;

/**
 * Whom a customer calls when a mail tells them of something they did not do: the bank's help desk, by name in each
 * language and by phone number. Every mail names it instead of a link (a link is what a phishing mail carries).
 */
record HelpDesk(String name, String nameEn, String phone) {
    /** What {@code inkan.notification.bank.*} defaults to; a bank sets its own. */
    static final HelpDesk DEFAULT =
            new HelpDesk("ビジネスバンキングWebヘルプデスク", "Business Banking Web Help Desk", "0120-000-000");

    String name(String language) {
        return Recipient.ENGLISH.equals(language) ? nameEn : name;
    }
}

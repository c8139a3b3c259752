package io.inkan.events;

/** What a mail to a customer was about. */
public enum MailKind {
    EXPIRY_REMINDER,
    CERTIFICATE_ISSUED,
    CERTIFICATE_REVOKED,
    ACCOUNT_LOCKED,
    PASSWORD_CHANGED
}

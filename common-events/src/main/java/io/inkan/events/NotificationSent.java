package io.inkan.events;

import java.time.Instant;

/** A mail was accepted by the SMTP server. The address is not repeated here. */
public record NotificationSent(
        String notificationId, String contractId, String userId, MailKind kind, String serialNumber, Instant sentAt)
        implements NotificationEvent {
    public NotificationSent {
        Require.present(notificationId, "notificationId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(kind, "kind");
        Require.present(sentAt, "sentAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

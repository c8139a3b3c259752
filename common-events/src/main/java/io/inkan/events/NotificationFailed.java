package io.inkan.events;

import java.time.Instant;

/** A mail could not be delivered after its retries; it is recorded, never dropped silently. */
public record NotificationFailed(
        String notificationId,
        String contractId,
        String userId,
        MailKind kind,
        String serialNumber,
        String error,
        Instant failedAt)
        implements NotificationEvent {
    public NotificationFailed {
        Require.present(notificationId, "notificationId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(kind, "kind");
        Require.present(failedAt, "failedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

package io.inkan.events;

import java.time.Instant;

/** A certificate is {@code noticeBefore} (an ISO-8601 offset such as {@code P40D}) from its notAfter. */
public record ExpiryApproaching(
        String contractId, String userId, String serialNumber, Instant notAfter, String noticeBefore)
        implements NotificationEvent {
    public ExpiryApproaching {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(serialNumber, "serialNumber");
        Require.present(notAfter, "notAfter");
        Require.present(noticeBefore, "noticeBefore");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

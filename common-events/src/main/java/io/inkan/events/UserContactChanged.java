package io.inkan.events;

import java.time.Instant;

/** A user's e-mail address or mail language changed. */
public record UserContactChanged(String contractId, String userId, String email, String language, Instant changedAt)
        implements AdminEvent {
    public UserContactChanged {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(changedAt, "changedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

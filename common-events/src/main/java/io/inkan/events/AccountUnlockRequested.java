package io.inkan.events;

import java.time.Instant;

/** An administrator (for a user) or an operator (for an administrator) asked to unlock an account. */
public record AccountUnlockRequested(
        Realm realm, String contractId, String accountId, String requestedBy, Instant requestedAt)
        implements AdminEvent {
    public AccountUnlockRequested {
        Require.present(realm, "realm");
        Require.present(accountId, "accountId");
        Require.present(requestedAt, "requestedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, accountId);
    }
}

package io.inkan.events;

import java.time.Instant;

/**
 * An administrator (for a user) or an operator (for an administrator, or for another operator) asked to
 * unlock an account. An operator belongs to no contract: {@code contractId} is then absent.
 */
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

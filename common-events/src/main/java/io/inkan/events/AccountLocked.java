package io.inkan.events;

import java.time.Instant;

/** Too many consecutive failures locked an account; only an unlock opens it again. */
public record AccountLocked(Realm realm, String contractId, String accountId, int failedAttempts, Instant lockedAt)
        implements AuthEvent {
    public AccountLocked {
        Require.present(realm, "realm");
        Require.present(accountId, "accountId");
        Require.present(lockedAt, "lockedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, accountId);
    }
}

package io.inkan.events;

import java.time.Instant;

/** A locked account was opened again. */
public record AccountUnlocked(Realm realm, String contractId, String accountId, Instant unlockedAt)
        implements AuthEvent {
    public AccountUnlocked {
        Require.present(realm, "realm");
        Require.present(accountId, "accountId");
        Require.present(unlockedAt, "unlockedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, accountId);
    }
}

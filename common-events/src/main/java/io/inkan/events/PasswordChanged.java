package io.inkan.events;

import java.time.Instant;

/**
 * An account's password was replaced: by its holder ({@link ChangedBy#SELF}, a user, an administrator or an
 * operator) or by the contract's administrator's reset of a user's password ({@link ChangedBy#ADMINISTRATOR}).
 * Neither password travels, in any form. An operator belongs to no contract: {@code contractId} is then absent.
 */
public record PasswordChanged(Realm realm, String contractId, String accountId, ChangedBy changedBy, Instant changedAt)
        implements AuthEvent {
    /** Who set the new password. */
    public enum ChangedBy {
        SELF,
        ADMINISTRATOR
    }

    public PasswordChanged {
        Require.present(realm, "realm");
        Require.present(accountId, "accountId");
        Require.present(changedBy, "changedBy");
        Require.present(changedAt, "changedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, accountId);
    }
}

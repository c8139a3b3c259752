package io.inkan.events;

import java.time.Instant;

/**
 * The user left the contract: their certificates are revoked {@code cessationOfOperation}, no logon of any kind
 * opens a session for them, and nobody mails them any more. The user ID stays retired in its contract.
 */
public record UserRemoved(String contractId, String userId, String removedBy, Instant removedAt) implements AdminEvent {
    public UserRemoved {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(removedBy, "removedBy");
        Require.present(removedAt, "removedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

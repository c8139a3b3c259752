package io.inkan.events;

import java.time.Instant;

/** The administrator's 発行手続き: the user may obtain one certificate. */
public record IssuanceAuthorized(
        String contractId, String userId, String authorizationId, String authorizedBy, Instant authorizedAt)
        implements AdminEvent {
    public IssuanceAuthorized {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(authorizationId, "authorizationId");
        Require.present(authorizedAt, "authorizedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

package io.inkan.events;

import java.time.Instant;

/**
 * An administrator's authorization to issue ({@link IssuanceAuthorized}) passed
 * {@code inkan.issuance.authorization-validity} unused. issuance-service owns that period and says so here,
 * so that admin-service shows the authorization as lapsed without computing it again.
 */
public record AuthorizationLapsed(String contractId, String userId, String authorizationId, Instant lapsedAt)
        implements IssuanceEvent {
    public AuthorizationLapsed {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(authorizationId, "authorizationId");
        Require.present(lapsedAt, "lapsedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

package io.inkan.issuance.right;

import java.time.Instant;

/**
 * An administrator's permission for one issuance: {@code IssuanceAuthorized} or the new-issuance half of
 * {@code CertificateReissueAuthorized}.
 *
 * @param usedByRequest the request that used it up, or null while unused
 * @param lapsedAt when it lapsed unused, once the lapse scan said so (AuthorizationLapsed), or null
 */
public record Authorization(
        String authorizationId, Kind kind, Instant authorizedAt, String usedByRequest, Instant lapsedAt) {

    public enum Kind {
        ISSUANCE,
        REISSUE
    }

    /** One not (yet) known to have lapsed. */
    public Authorization(String authorizationId, Kind kind, Instant authorizedAt, String usedByRequest) {
        this(authorizationId, kind, authorizedAt, usedByRequest, null);
    }

    boolean unused() {
        return usedByRequest == null;
    }
}

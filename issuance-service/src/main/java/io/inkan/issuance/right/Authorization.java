package io.inkan.issuance.right;

import java.time.Instant;

/**
 * An administrator's permission for one issuance: {@code IssuanceAuthorized} or the new-issuance half of
 * {@code CertificateReissueAuthorized}.
 *
 * @param usedByRequest the request that used it up, or null while unused
 * @param lapsedAt when it lapsed unused, once the lapse scan said so (AuthorizationLapsed), or null
 * @param acquisitionCode whether it came with a one-time acquisition code: then only a request that names it (whose
 *     code auth-service checked) may use it
 */
public record Authorization(
        String authorizationId,
        Kind kind,
        Instant authorizedAt,
        String usedByRequest,
        Instant lapsedAt,
        boolean acquisitionCode) {

    public enum Kind {
        ISSUANCE,
        REISSUE
    }

    /** One without an acquisition code. */
    public Authorization(
            String authorizationId, Kind kind, Instant authorizedAt, String usedByRequest, Instant lapsedAt) {
        this(authorizationId, kind, authorizedAt, usedByRequest, lapsedAt, false);
    }

    /** One not (yet) known to have lapsed. */
    public Authorization(String authorizationId, Kind kind, Instant authorizedAt, String usedByRequest) {
        this(authorizationId, kind, authorizedAt, usedByRequest, null);
    }

    boolean unused() {
        return usedByRequest == null;
    }
}

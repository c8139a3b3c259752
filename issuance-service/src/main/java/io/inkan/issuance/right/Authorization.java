package io.inkan.issuance.right;

import java.time.Instant;

/**
 * An administrator's permission for one issuance: {@code IssuanceAuthorized} or the new-issuance half of
 * {@code CertificateReissueAuthorized}.
 *
 * @param usedByRequest the request that used it up, or null while unused
 */
public record Authorization(String authorizationId, Kind kind, Instant authorizedAt, String usedByRequest) {

    public enum Kind {
        ISSUANCE,
        REISSUE
    }

    boolean unused() {
        return usedByRequest == null;
    }
}

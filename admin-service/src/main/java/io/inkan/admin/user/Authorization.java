package io.inkan.admin.user;

import java.time.Instant;

/**
 * An authorization an administrator granted (an issuance, or the new certificate of a reissue), and what
 * issuance-service, which owns the rights, said became of it.
 *
 * @param id the ID issuance-service knows it by
 * @param status OUTSTANDING until issuance-service reports it USED (a CertificateIssued names it) or LAPSED
 */
record Authorization(String id, AuthorizationKind kind, Instant authorizedAt, AuthorizationStatus status) {

    boolean outstanding() {
        return status == AuthorizationStatus.OUTSTANDING;
    }

    Authorization settled(AuthorizationStatus outcome) {
        return new Authorization(id, kind, authorizedAt, outcome);
    }
}

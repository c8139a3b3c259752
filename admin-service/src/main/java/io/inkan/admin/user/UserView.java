package io.inkan.admin.user;

import java.time.Instant;

/**
 * A user as the administrator's screen shows them.
 *
 * @param authorizationStatus what issuance-service said became of the user's authorizations: OUTSTANDING while any
 *     is, else USED or LAPSED for the latest one; null if none was ever granted
 * @param authorizationExpiresAt always null: when an authorization lapses is issuance-service's decision, which it
 *     reports when it happens ({@code authorizationStatus} LAPSED). Kept so that the list's shape does not change
 * @param deleted the user left the contract: kept in the list (and the audit trail), with no logon and no mail
 * @param deletedAt when the administrator removed the user, or null
 */
record UserView(
        String userId,
        String name,
        String email,
        String language,
        String loginId,
        CertificateStatus certificateStatus,
        String serialNumber,
        Instant notAfter,
        String renewalSerialNumber,
        Instant renewalNotAfter,
        Instant authorizationExpiresAt,
        AuthorizationStatus authorizationStatus,
        boolean locked,
        boolean deleted,
        Instant deletedAt) {

    static UserView of(UserRecord user) {
        CertificateState c = user.certificate();
        return new UserView(
                user.userId(),
                user.name(),
                user.email(),
                user.language(),
                user.loginId(),
                c.status(),
                c.currentSerial(),
                c.currentNotAfter(),
                c.pendingSerial(),
                c.pendingNotAfter(),
                null,
                c.authorizationStatus(),
                user.locked(),
                user.deleted(),
                user.deletedAt());
    }
}

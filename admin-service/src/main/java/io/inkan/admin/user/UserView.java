package io.inkan.admin.user;

import java.time.Instant;

/** A user as the administrator's screen shows them. */
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
        boolean locked) {

    static UserView of(UserRecord user, Instant now) {
        CertificateState c = user.certificate();
        return new UserView(
                user.userId(),
                user.name(),
                user.email(),
                user.language(),
                user.loginId(),
                c.status(now),
                c.currentSerial(),
                c.currentNotAfter(),
                c.pendingSerial(),
                c.pendingNotAfter(),
                c.authorizationOutstanding(now) ? c.authorizationExpiresAt() : null,
                user.locked());
    }
}

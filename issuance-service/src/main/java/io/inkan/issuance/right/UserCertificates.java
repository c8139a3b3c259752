package io.inkan.issuance.right;

/**
 * What the user holds when a request is decided.
 *
 * @param current the usable certificate (ACTIVE, not past notAfter), or null
 * @param successor a renewal issued but not yet used to log on, or null
 * @param lastExpired the user's latest certificate when it expired (rather than was revoked), or null: the one a
 *     renewal after expiry renews
 */
public record UserCertificates(HeldCertificate current, HeldCertificate successor, HeldCertificate lastExpired) {
    public static final UserCertificates NONE = new UserCertificates(null, null, null);
}

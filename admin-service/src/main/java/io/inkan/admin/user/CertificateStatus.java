package io.inkan.admin.user;

/** What the administrator's screen shows about a user's certificate. */
public enum CertificateStatus {
    /** Never had a certificate and may not obtain one yet. */
    NONE,
    /** May obtain a certificate (an issuance or a reissue was authorized and not used yet). */
    AUTHORIZED,
    /** Holds a valid certificate. */
    ACTIVE,
    /** Holds a valid certificate and a renewed one that has not been used to log on yet. */
    RENEWAL_PENDING,
    /** The last certificate was revoked. */
    REVOKED,
    /** The last certificate passed its notAfter. */
    EXPIRED
}

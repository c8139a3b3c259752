package io.inkan.admin.user;

/** What became of an administrator's authorization, as issuance-service reports it. */
public enum AuthorizationStatus {
    /** Granted; issuance-service has reported neither its use nor its lapse. */
    OUTSTANDING,
    /** A certificate was issued with it ({@code CertificateIssued.authorizationId}). */
    USED,
    /** It passed issuance-service's {@code inkan.issuance.authorization-validity} unused ({@code AuthorizationLapsed}). */
    LAPSED
}

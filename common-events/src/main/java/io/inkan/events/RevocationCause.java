package io.inkan.events;

/**
 * What made issuance-service revoke a certificate, beside the RFC 5280 reason the administrator chose: the mail
 * to the user says what happened and what to do next from this, since one reason ({@code superseded},
 * {@code cessationOfOperation}) can come from several acts.
 */
public enum RevocationCause {
    /** A renewal or a new certificate took its place ({@code superseded}); the issuance mail already said so. */
    RENEWAL,
    /** The administrator's reissue (初期化): one new issuance is allowed. */
    REISSUE,
    /** 失効 ordered by the administrator or a bank operator: no new issuance without a new authorization. */
    REVOCATION_ORDER,
    /** The user left the contract (UserRemoved). */
    USER_REMOVAL
}

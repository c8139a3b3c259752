package io.inkan.events;

/** Why a certificate is asked for, as the user's state says when the request is made. */
public enum RequestKind {
    /** First certificate, or a new one asked for with ID and password. */
    NEW,
    /** From a session opened with the current certificate, or after expiry within the grace period. */
    RENEWAL,
    /** After an administrator's reissue (初期化). */
    REISSUE
}

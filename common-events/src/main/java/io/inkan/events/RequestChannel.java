package io.inkan.events;

/**
 * Through which door a certificate request came, as auth-service, which opened it, saw it. The issuance mail names
 * it, so that a user who did not ask for the certificate knows where it was asked for.
 */
public enum RequestChannel {
    /** With login ID (or contract and user ID) and password over auth-service's HTTP API, or a session opened so. */
    PASSWORD_LOGON,
    /** From a session opened by certificate logon over mutual TLS: the menu's renewal. */
    CERTIFICATE_LOGON,
    /** From the bank's web front end, sealed over Kafka ({@code inkan.frontend.requests}). */
    BANK_FRONT_END
}

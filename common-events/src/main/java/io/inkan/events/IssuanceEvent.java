package io.inkan.events;

/** Published by issuance-service on {@link Topics#ISSUANCE}. */
public sealed interface IssuanceEvent extends InkanEvent
        permits CertificateIssued, CertificateRejected, CertificateRevoked, CertificateExpired, AuthorizationLapsed {}

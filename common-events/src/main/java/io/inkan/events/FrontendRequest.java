package io.inkan.events;

/** Published by bank web front ends on {@link Topics#FRONTEND_REQUESTS}, keyed by request ID. */
public sealed interface FrontendRequest extends InkanEvent permits CertificateRequestSubmitted {}

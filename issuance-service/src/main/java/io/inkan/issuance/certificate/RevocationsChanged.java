package io.inkan.issuance.certificate;

import java.time.Instant;

/**
 * In-process only: certificates were revoked in the current transaction, so the CRL must be signed again before it
 * commits. Listeners run inside that transaction.
 */
public record RevocationsChanged(Instant at) {}

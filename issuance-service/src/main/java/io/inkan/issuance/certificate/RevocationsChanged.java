package io.inkan.issuance.certificate;

import java.time.Instant;

/**
 * In-process only: a certificate was revoked in the current transaction, so the CRL must be signed again before it
 * commits. Listeners run inside that transaction.
 *
 * @param revoked the certificate revoked, as its CRL entry lists it
 */
public record RevocationsChanged(Instant at, RevokedCertificate revoked) {}

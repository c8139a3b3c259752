package io.inkan.events;

import java.time.Instant;

/**
 * issuance-service issued a certificate. {@code replacesSerialNumber} names the certificate this one
 * renews or reissues (null for a first issuance); {@code chainPem} is the issuing CA then the root.
 *
 * <p>issuance-service decides, and says here, the facts other services must not work out again (one owner
 * per fact): {@code kind} is the kind it issued; {@code awaitingFirstUse} is true for a renewal that waits
 * for its first logon before it replaces the certificate it renews (which stays usable until then);
 * {@code renewableFrom} is when this certificate may be renewed; {@code authorizationId} names the
 * administrator's authorization this issuance used up (null when none was needed); {@code channel} is the
 * way the request came, as auth-service said it in CertificateRequested. The last four were added later: they are
 * null in events of an older issuance-service (and {@code channel} in those of a request from an older auth-service).
 */
public record CertificateIssued(
        String requestId,
        String contractId,
        String userId,
        RequestKind kind,
        String serialNumber,
        String subject,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        String sha256Fingerprint,
        String certificatePem,
        String chainPem,
        String replacesSerialNumber,
        Instant issuedAt,
        Boolean awaitingFirstUse,
        Instant renewableFrom,
        String authorizationId,
        RequestChannel channel)
        implements IssuanceEvent {
    public CertificateIssued {
        Require.present(requestId, "requestId");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(serialNumber, "serialNumber");
        Require.present(notBefore, "notBefore");
        Require.present(notAfter, "notAfter");
        Require.present(sha256Fingerprint, "sha256Fingerprint");
        Require.present(certificatePem, "certificatePem");
    }

    /** The form before {@code channel}. */
    public CertificateIssued(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            String serialNumber,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String sha256Fingerprint,
            String certificatePem,
            String chainPem,
            String replacesSerialNumber,
            Instant issuedAt,
            Boolean awaitingFirstUse,
            Instant renewableFrom,
            String authorizationId) {
        this(
                requestId,
                contractId,
                userId,
                kind,
                serialNumber,
                subject,
                issuer,
                notBefore,
                notAfter,
                sha256Fingerprint,
                certificatePem,
                chainPem,
                replacesSerialNumber,
                issuedAt,
                awaitingFirstUse,
                renewableFrom,
                authorizationId,
                null);
    }

    /** The form before {@code awaitingFirstUse}, {@code renewableFrom} and {@code authorizationId}. */
    public CertificateIssued(
            String requestId,
            String contractId,
            String userId,
            RequestKind kind,
            String serialNumber,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String sha256Fingerprint,
            String certificatePem,
            String chainPem,
            String replacesSerialNumber,
            Instant issuedAt) {
        this(
                requestId,
                contractId,
                userId,
                kind,
                serialNumber,
                subject,
                issuer,
                notBefore,
                notAfter,
                sha256Fingerprint,
                certificatePem,
                chainPem,
                replacesSerialNumber,
                issuedAt,
                null,
                null,
                null,
                null);
    }

    /** Whether this certificate waits for its first logon; false when an older producer did not say. */
    public boolean waitsForFirstUse() {
        return Boolean.TRUE.equals(awaitingFirstUse);
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

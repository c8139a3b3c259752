package io.inkan.events;

import java.time.Instant;

/**
 * 失効: an administrator or a bank operator ordered every usable certificate of the user revoked for {@code reason}
 * (a lost or broken PC, misuse). Unlike a reissue ({@link CertificateReissueAuthorized}) it allows no new issuance;
 * issuance-service, which owns the certificates, revokes them and publishes {@link CertificateRevoked} for each.
 *
 * @param orderedBy the administrator's or operator's ID (the audit trail says which realm)
 */
public record CertificatesRevocationOrdered(
        String contractId, String userId, RevocationReason reason, String orderedBy, Instant orderedAt)
        implements AdminEvent {
    public CertificatesRevocationOrdered {
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(reason, "reason");
        Require.present(orderedBy, "orderedBy");
        Require.present(orderedAt, "orderedAt");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

package io.inkan.events;

import java.time.Instant;

/** A certificate reached its notAfter. */
public record CertificateExpired(String serialNumber, String contractId, String userId, Instant notAfter)
        implements IssuanceEvent {
    public CertificateExpired {
        Require.present(serialNumber, "serialNumber");
        Require.present(contractId, "contractId");
        Require.present(userId, "userId");
        Require.present(notAfter, "notAfter");
    }

    @Override
    public String key() {
        return Keys.of(contractId, userId);
    }
}

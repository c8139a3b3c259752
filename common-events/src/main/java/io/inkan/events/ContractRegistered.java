package io.inkan.events;

import java.time.Instant;

/** A bank operator registered a corporate contract. Keyed by the contract ID alone: it has no user. */
public record ContractRegistered(String contractId, String name, String registeredBy, Instant registeredAt)
        implements AdminEvent {
    public ContractRegistered {
        Require.present(contractId, "contractId");
        Require.present(registeredAt, "registeredAt");
    }

    @Override
    public String key() {
        return contractId;
    }
}

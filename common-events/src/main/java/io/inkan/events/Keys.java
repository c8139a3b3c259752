package io.inkan.events;

/** Record keys. One user's events share a key, so Kafka keeps them in order. */
public final class Keys {
    private Keys() {}

    /** {@code {contractId}:{accountId}}; for an account outside any contract (a bank operator), the ID alone. */
    public static String of(String contractId, String accountId) {
        return contractId == null ? accountId : contractId + ":" + accountId;
    }
}

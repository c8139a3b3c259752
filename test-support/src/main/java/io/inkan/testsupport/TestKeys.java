package io.inkan.testsupport;

/** Keys that tests hand to services in place of a bank's secrets. */
public final class TestKeys {
    /**
     * A fixed {@code inkan.keys.encryption-key} (base64 of 32 bytes) for tests: it wraps the keys a service keeps in
     * its database. Every instance of one service in a test must get the same one, as in production.
     */
    public static final String ENCRYPTION_KEY = "aW5rYW4tdGVzdC1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=";

    /** The property that carries it. */
    public static final String ENCRYPTION_KEY_PROPERTY = "inkan.keys.encryption-key";

    private TestKeys() {}
}

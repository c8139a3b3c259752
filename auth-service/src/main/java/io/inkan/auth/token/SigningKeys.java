package io.inkan.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.inkan.messaging.keys.KeyVault;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC P-256 keys that sign access tokens, one generation per rotation period, kept in the key vault under
 * {@code auth/jwt/<period start>} so that every instance signs with and publishes the same keys. Each instance
 * reloads them at start and every {@code inkan.auth.token.key-refresh}; {@link KeyRotation} decides which signs,
 * which are published and which are removed, the same way on every instance.
 */
final class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final String PREFIX = "auth/jwt/";

    /** The part of the key vault the keys live in. */
    interface Store {
        List<KeyVault.Entry> list(String prefix);

        boolean storeIfAbsent(String name, byte[] secret);

        boolean remove(String name);
    }

    /** A generation as loaded: its vault name, period, creation and key (private part included). */
    record StoredKey(String name, Instant period, Instant createdAt, ECKey key) implements KeyRotation.Generation {
        @Override
        public String toString() {
            return "StoredKey[" + name + ", kid=" + key.getKeyID() + "]"; // never the private part
        }
    }

    private final Store store;
    private final KeyRotation rotation;
    private final Clock clock;
    private volatile List<StoredKey> generations = List.of();

    SigningKeys(Store store, KeyRotation rotation, Clock clock) {
        this.store = store;
        this.rotation = rotation;
        this.clock = clock;
        refresh();
    }

    /**
     * Makes the generations that are due (proposals; the vault keeps the first stored), removes those no live token
     * can have been signed with, and reloads the rest.
     */
    synchronized void refresh() {
        Instant now = clock.instant();
        List<StoredKey> loaded = load();
        boolean changed = false;
        for (Instant period : rotation.periodsToCreate(loaded, now)) {
            if (store.storeIfAbsent(
                    PREFIX + period, generate(now).toJSONString().getBytes(StandardCharsets.UTF_8))) {
                log.info(
                        "New token signing key generation {}: published now, signs from {} once every instance has"
                                + " had time to publish it",
                        PREFIX + period,
                        period);
            }
            changed = true;
        }
        if (changed) {
            loaded = load();
        }
        for (StoredKey expired : rotation.dueForRemoval(loaded, now)) {
            if (store.remove(expired.name())) {
                log.info("Token signing key generation {} removed: every token it signed has expired", expired.name());
            }
            changed = true;
        }
        generations = changed ? load() : loaded;
    }

    /** The key that signs now. */
    ECKey current() {
        return rotation.signer(generations, clock.instant())
                .orElseThrow(() -> new IllegalStateException("no token signing key is loaded"))
                .key();
    }

    /** The public halves of the published generations, as served at the JWKS endpoint. */
    JWKSet publicKeys() {
        List<JWK> keys = new ArrayList<>();
        for (StoredKey generation : rotation.published(generations, clock.instant())) {
            keys.add(generation.key());
        }
        return new JWKSet(keys).toPublicJWKSet();
    }

    private List<StoredKey> load() {
        List<StoredKey> keys = new ArrayList<>();
        for (KeyVault.Entry entry : store.list(PREFIX)) {
            try {
                Instant period = Instant.parse(entry.name().substring(PREFIX.length()));
                ECKey key = ECKey.parse(new String(entry.secret(), StandardCharsets.UTF_8));
                keys.add(new StoredKey(entry.name(), period, entry.createdAt(), key));
            } catch (ParseException | DateTimeParseException e) {
                // never the entry's content in a message
                throw new IllegalStateException("the token signing key " + entry.name() + " does not read as a JWK: "
                        + e.getClass().getSimpleName());
            }
        }
        return List.copyOf(keys);
    }

    private static ECKey generate(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(now))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an EC P-256 key", e);
        }
    }
}

package io.inkan.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC P-256 keys that sign access tokens, kept in a JWK set file in the data directory. The newest
 * key signs; when it is older than the rotation period a new one is made, and the previous ones stay
 * in the JWKS so that tokens they signed keep verifying until they expire.
 */
final class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final Path file;
    private final Duration rotation;
    private final int retained;
    private final Clock clock;
    private volatile List<ECKey> keys; // newest first

    SigningKeys(Path file, Duration rotation, int retained, Clock clock) {
        this.file = file;
        this.rotation = rotation;
        this.retained = retained;
        this.clock = clock;
        this.keys = load();
        current();
    }

    /** The key that signs now, rotated first if it is due. */
    synchronized ECKey current() {
        Instant now = clock.instant();
        if (keys.isEmpty() || !createdAt(keys.getFirst()).plus(rotation).isAfter(now)) {
            List<ECKey> next = new ArrayList<>();
            next.add(generate(now));
            next.addAll(keys);
            keys = List.copyOf(next.subList(0, Math.min(retained, next.size())));
            save();
            log.info("New token signing key {} (JWKS keeps {})", keys.getFirst().getKeyID(), keys.size());
        }
        return keys.getFirst();
    }

    /** The public halves of all retained keys, as served at the JWKS endpoint. */
    JWKSet publicKeys() {
        return new JWKSet(new ArrayList<JWK>(keys)).toPublicJWKSet();
    }

    private List<ECKey> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            JWKSet set = JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
            return set.getKeys().stream()
                    .filter(ECKey.class::isInstance)
                    .map(ECKey.class::cast)
                    .filter(ECKey::isPrivate)
                    .sorted(Comparator.comparing(SigningKeys::createdAt).reversed())
                    .toList();
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("Cannot read the token signing keys " + file.toAbsolutePath() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    private void save() {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "jwt-signing-keys", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system; the directory's protection has to do
                }
                Files.writeString(temporary, new JWKSet(new ArrayList<JWK>(keys)).toString(false));
                try {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the token signing keys " + file.toAbsolutePath(), e);
        }
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

    private static Instant createdAt(ECKey key) {
        return key.getIssueTime() == null ? Instant.EPOCH : key.getIssueTime().toInstant();
    }
}

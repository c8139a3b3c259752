package io.inkan.messaging.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The keys all instances of one service share (design rule 12), kept in the service's own database and
 * wrapped by its key-encryption key. No instance makes a key that the others do not use:
 * {@link #loadOrCreate} lets every instance propose one, stores the first and hands every instance that one.
 *
 * <p>Each entry is wrapped with AES-256-GCM under a fresh 96-bit nonce, with its name as associated data, so
 * a wrapped key copied to another row, or altered, does not open.
 */
public final class KeyVault {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final SecretKey encryptionKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    KeyVault(JdbcClient jdbc, SecretKey encryptionKey, Clock clock) {
        this.jdbc = jdbc;
        this.encryptionKey = encryptionKey;
        this.clock = clock;
    }

    /** A stored entry, unwrapped. */
    public record Entry(String name, byte[] secret, Instant createdAt) {}

    /**
     * The key stored under {@code name}; when there is none yet, {@code create} makes one and the first
     * instance to store its proposal wins. The others' proposals are thrown away unused.
     */
    public byte[] loadOrCreate(String name, Supplier<byte[]> create) {
        Optional<byte[]> existing = load(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] proposal = create.get();
        storeIfAbsent(name, proposal);
        return load(name).orElseThrow(() -> new IllegalStateException("key " + name + " vanished after storing"));
    }

    public Optional<byte[]> load(String name) {
        return jdbc.sql("SELECT wrapped FROM key_vault WHERE name = ?")
                .param(name)
                .query(String.class)
                .optional()
                .map(wrapped -> unwrap(name, wrapped));
    }

    /** Stores {@code secret} under {@code name} unless an entry exists; true when this call stored it. */
    public boolean storeIfAbsent(String name, byte[] secret) {
        return jdbc.sql("INSERT INTO key_vault (name, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                        .param(name)
                        .param(wrap(name, secret))
                        .param(Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }

    /** Every entry whose name starts with {@code prefix}, oldest first (e.g. a rotation's generations). */
    public List<Entry> list(String prefix) {
        return jdbc.sql("SELECT name, wrapped, created_at FROM key_vault WHERE name LIKE ? ORDER BY created_at, name")
                .param(prefix.replace("%", "\\%").replace("_", "\\_") + "%")
                .query((rs, row) -> new Entry(
                        rs.getString("name"),
                        unwrap(rs.getString("name"), rs.getString("wrapped")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Forgets an entry (a retired key); false when there was none. */
    public boolean remove(String name) {
        return jdbc.sql("DELETE FROM key_vault WHERE name = ?").param(name).update() == 1;
    }

    private String wrap(String name, byte[] secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot wrap key " + name, e);
        }
    }

    private byte[] unwrap(String name, String wrapped) {
        try {
            byte[] in = Base64.getDecoder().decode(wrapped);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never the key's bytes in a message; the name and the likely cause only.
            throw new IllegalStateException(
                    "key " + name + " does not open with inkan.keys.encryption-key: is it the same for every "
                            + "instance of this service, and the one the key was created with?");
        }
    }
}

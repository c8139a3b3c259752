package io.inkan.auth.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The failure counts and locks of IDs that name no account ({@code unknown_account}), so that they
 * answer like real ones. An ID is stored only as a SHA-256 of its realm and parts: any length a caller
 * sends fits, and every row has the same size.
 */
@Repository
class UnknownIdRepository {
    private final JdbcClient jdbc;

    UnknownIdRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored name of an account key that names no account. */
    static String idOf(AccountKey key) {
        return digest(key.realm().name(), key.contractColumn(), key.accountId());
    }

    /** The stored name of a login ID that names no user. */
    static String idOfLoginId(String loginId) {
        return digest("LOGIN_ID", "", loginId);
    }

    /** The ID's failures and lock, its row locked until the transaction ends; empty when none counted. */
    Optional<Lockout.State> findForUpdate(String id) {
        return jdbc.sql("SELECT failed_attempts, locked_at FROM unknown_account WHERE id_hash = ? FOR UPDATE")
                .param(id)
                .query((rs, n) -> {
                    OffsetDateTime lockedAt = rs.getObject("locked_at", OffsetDateTime.class);
                    return new Lockout.State(
                            rs.getInt("failed_attempts"), lockedAt == null ? null : lockedAt.toInstant());
                })
                .optional();
    }

    /** Stores the first failures of an ID; false when another attempt stored it first. */
    boolean insert(String id, Lockout.State state, Instant failedAt) {
        return jdbc.sql("INSERT INTO unknown_account (id_hash, failed_attempts, locked_at, last_failed_at)"
                                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(
                                id,
                                state.failedAttempts(),
                                state.lockedAt() == null ? null : utc(state.lockedAt()),
                                utc(failedAt))
                        .update()
                == 1;
    }

    void update(String id, Lockout.State state, Instant failedAt) {
        jdbc.sql("UPDATE unknown_account SET failed_attempts = ?, locked_at = ?, last_failed_at = ? WHERE id_hash = ?")
                .params(
                        state.failedAttempts(),
                        state.lockedAt() == null ? null : utc(state.lockedAt()),
                        utc(failedAt),
                        id)
                .update();
    }

    /** Forgets an ID's failures: it was registered, or unlocked. True when there were any. */
    boolean forget(String id) {
        return jdbc.sql("DELETE FROM unknown_account WHERE id_hash = ?")
                        .param(id)
                        .update()
                > 0;
    }

    /** Forgets the IDs with no failure counted since {@code before}; how many. */
    int forgetIdleSince(Instant before) {
        return jdbc.sql("DELETE FROM unknown_account WHERE last_failed_at < ?")
                .param(utc(before))
                .update();
    }

    private static String digest(String realm, String contractId, String accountId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            // Each part length-prefixed, so no two different IDs meet in one name.
            for (String part : new String[] {realm, contractId, accountId}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update(
                        java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

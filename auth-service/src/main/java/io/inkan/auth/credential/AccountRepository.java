package io.inkan.auth.credential;

import io.inkan.events.Realm;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {
    /**
     * An account as a check reads it. Its password is either {@code passwordHash} (Argon2id) or, until the hashing
     * worker has got to it, {@code sealedPassword}: as admin-service sealed it (see {@link SealedPasswordHashing}).
     */
    record StoredAccount(AccountKey key, String passwordHash, String sealedPassword, Lockout.State state) {}

    /** A sealed password that waits for its hash. */
    record DueHash(AccountKey key, String sealedPassword) {}

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredAccount> find(AccountKey key) {
        return select(key, "");
    }

    /** Reads the account and locks its row until the transaction ends. */
    Optional<StoredAccount> findForUpdate(AccountKey key) {
        return select(key, " FOR UPDATE");
    }

    private Optional<StoredAccount> select(AccountKey key, String suffix) {
        return jdbc.sql("SELECT password_hash, sealed_password, failed_attempts, locked_at FROM account"
                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?" + suffix)
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .query((rs, n) -> new StoredAccount(
                        key,
                        rs.getString("password_hash"),
                        rs.getString("sealed_password"),
                        new Lockout.State(
                                rs.getInt("failed_attempts"),
                                instant(rs.getObject("locked_at", OffsetDateTime.class)))))
                .optional();
    }

    /** The user whose bank-wide login ID this is, read as {@link #find} reads an account. */
    Optional<StoredAccount> findUserByLoginId(String loginId) {
        return jdbc.sql("SELECT contract_id, account_id, password_hash, sealed_password, failed_attempts, locked_at"
                        + " FROM account WHERE login_id = ? AND realm = 'USER'")
                .param(loginId)
                .query((rs, n) -> new StoredAccount(
                        AccountKey.user(rs.getString("contract_id"), rs.getString("account_id")),
                        rs.getString("password_hash"),
                        rs.getString("sealed_password"),
                        new Lockout.State(
                                rs.getInt("failed_attempts"),
                                instant(rs.getObject("locked_at", OffsetDateTime.class)))))
                .optional();
    }

    boolean loginIdTaken(String loginId) {
        return jdbc.sql("SELECT COUNT(*) FROM account WHERE login_id = ?")
                        .param(loginId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Inserts the account unless it exists; true when it was new. */
    boolean insert(AccountKey key, String loginId, String passwordHash, Instant registeredAt) {
        return jdbc.sql(
                                "INSERT INTO account (realm, contract_id, account_id, login_id, password_hash,"
                                        + " failed_attempts, registered_at) VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING")
                        .params(
                                key.realm().name(),
                                key.contractColumn(),
                                key.accountId(),
                                loginId,
                                passwordHash,
                                utc(registeredAt))
                        .update()
                == 1;
    }

    /**
     * Inserts the account with its password as admin-service sealed it, and marks it due for hashing; true when it
     * was new.
     */
    boolean insertSealed(AccountKey key, String loginId, String sealedPassword, Instant registeredAt) {
        boolean inserted = jdbc.sql(
                                "INSERT INTO account (realm, contract_id, account_id, login_id, sealed_password,"
                                        + " failed_attempts, registered_at) VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING")
                        .params(
                                key.realm().name(),
                                key.contractColumn(),
                                key.accountId(),
                                loginId,
                                sealedPassword,
                                utc(registeredAt))
                        .update()
                == 1;
        if (inserted) {
            markDue(key);
        }
        return inserted;
    }

    /**
     * Deletes the account and remembers that it was removed (once; a second removal changes nothing). Its login ID
     * goes with the row.
     */
    void remove(AccountKey key, Instant removedAt) {
        jdbc.sql("INSERT INTO removed_account (realm, contract_id, account_id, removed_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(key.realm().name(), key.contractColumn(), key.accountId(), utc(removedAt))
                .update();
        jdbc.sql("DELETE FROM account WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .update();
        notDue(key);
    }

    /** Whether the account was removed (its user left the contract). */
    boolean removed(AccountKey key) {
        return jdbc.sql("SELECT COUNT(*) FROM removed_account WHERE realm = ? AND contract_id = ? AND account_id = ?")
                        .params(key.realm().name(), key.contractColumn(), key.accountId())
                        .query(Long.class)
                        .single()
                > 0;
    }

    void updatePassword(AccountKey key, String passwordHash) {
        jdbc.sql("UPDATE account SET password_hash = ?, sealed_password = NULL"
                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(passwordHash, key.realm().name(), key.contractColumn(), key.accountId())
                .update();
        notDue(key);
    }

    /** The account's bank-wide login ID, if it has one (users only). */
    Optional<String> loginIdOf(AccountKey key) {
        return jdbc.sql("SELECT login_id FROM account WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .query((rs, n) -> Optional.ofNullable(rs.getString("login_id")))
                .optional()
                .flatMap(loginId -> loginId);
    }

    /**
     * Replaces the password its holder or an administrator chose and notes when; true when the account exists.
     * With {@code unlock}, failures and the lock are cleared too.
     */
    boolean changePassword(AccountKey key, String passwordHash, Instant changedAt, boolean unlock) {
        boolean changed = jdbc.sql(
                                "UPDATE account SET password_hash = ?, sealed_password = NULL, password_changed_at = ?"
                                        + (unlock ? ", failed_attempts = 0, locked_at = NULL" : "")
                                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?")
                        .params(passwordHash, utc(changedAt), key.realm().name(), key.contractColumn(), key.accountId())
                        .update()
                == 1;
        notDue(key);
        return changed;
    }

    /**
     * As {@link #changePassword}, with the password as admin-service sealed it (a reset's temporary one): stored
     * sealed, the old hash dropped, and due for hashing.
     */
    boolean changePasswordSealed(AccountKey key, String sealedPassword, Instant changedAt, boolean unlock) {
        boolean changed =
                jdbc.sql("UPDATE account SET password_hash = NULL, sealed_password = ?, password_changed_at = ?"
                                        + (unlock ? ", failed_attempts = 0, locked_at = NULL" : "")
                                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?")
                                .params(
                                        sealedPassword,
                                        utc(changedAt),
                                        key.realm().name(),
                                        key.contractColumn(),
                                        key.accountId())
                                .update()
                        == 1;
        if (changed) {
            markDue(key);
        }
        return changed;
    }

    /** Up to {@code limit} sealed passwords that wait for their hash. */
    List<DueHash> dueHashes(int limit) {
        return jdbc.sql("SELECT a.realm, a.contract_id, a.account_id, a.sealed_password FROM password_hash_due d"
                        + " JOIN account a ON a.realm = d.realm AND a.contract_id = d.contract_id"
                        + " AND a.account_id = d.account_id WHERE a.sealed_password IS NOT NULL LIMIT ?")
                .param(limit)
                .query((rs, n) -> new DueHash(
                        new AccountKey(
                                Realm.valueOf(rs.getString("realm")),
                                rs.getString("contract_id"),
                                rs.getString("account_id")),
                        rs.getString("sealed_password")))
                .list();
    }

    /**
     * Replaces the sealed password by its hash, only if it is still the one that was hashed (a reset meanwhile
     * brought another, which stays due); true when it did.
     */
    boolean storeHashOfSealed(AccountKey key, String sealedPassword, String passwordHash) {
        boolean stored = jdbc.sql("UPDATE account SET password_hash = ?, sealed_password = NULL"
                                + " WHERE realm = ? AND contract_id = ? AND account_id = ? AND sealed_password = ?")
                        .params(passwordHash, key.realm().name(), key.contractColumn(), key.accountId(), sealedPassword)
                        .update()
                == 1;
        if (stored) {
            notDue(key);
        }
        return stored;
    }

    /** Forgets due marks whose account is gone or already hashed (removed, or hashed by another instance). */
    int forgetStaleDueHashes() {
        return jdbc.sql("DELETE FROM password_hash_due d WHERE NOT EXISTS (SELECT 1 FROM account a"
                        + " WHERE a.realm = d.realm AND a.contract_id = d.contract_id AND a.account_id = d.account_id"
                        + " AND a.sealed_password IS NOT NULL)")
                .update();
    }

    private void markDue(AccountKey key) {
        jdbc.sql(
                        "INSERT INTO password_hash_due (realm, contract_id, account_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .update();
    }

    private void notDue(AccountKey key) {
        jdbc.sql("DELETE FROM password_hash_due WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .update();
    }

    /** When the account's holder or an administrator last changed its password; empty if never. */
    Optional<Instant> passwordChangedAt(AccountKey key) {
        return jdbc.sql(
                        "SELECT password_changed_at FROM account WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .query((rs, n) ->
                        Optional.ofNullable(instant(rs.getObject("password_changed_at", OffsetDateTime.class))))
                .optional()
                .flatMap(changedAt -> changedAt);
    }

    void store(AccountKey key, Lockout.State state) {
        jdbc.sql("UPDATE account SET failed_attempts = ?, locked_at = ?"
                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(
                        state.failedAttempts(),
                        state.lockedAt() == null ? null : utc(state.lockedAt()),
                        key.realm().name(),
                        key.contractColumn(),
                        key.accountId())
                .update();
    }

    /** Clears failures and the lock; true when the account was locked. */
    boolean unlock(Realm realm, String contractId, String accountId) {
        String contract = contractId == null ? "" : contractId;
        boolean wasLocked = jdbc.sql("SELECT locked_at FROM account"
                        + " WHERE realm = ? AND contract_id = ? AND account_id = ? FOR UPDATE")
                .params(realm.name(), contract, accountId)
                .query((rs, n) -> rs.getObject("locked_at", OffsetDateTime.class) != null)
                .optional()
                .orElse(false);
        jdbc.sql("UPDATE account SET failed_attempts = 0, locked_at = NULL"
                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(realm.name(), contract, accountId)
                .update();
        return wasLocked;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

package io.inkan.auth.credential;

import io.inkan.events.Realm;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {
    record StoredAccount(AccountKey key, String passwordHash, Lockout.State state) {}

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
        return jdbc.sql("SELECT password_hash, failed_attempts, locked_at FROM account"
                        + " WHERE realm = ? AND contract_id = ? AND account_id = ?" + suffix)
                .params(key.realm().name(), key.contractColumn(), key.accountId())
                .query((rs, n) -> new StoredAccount(
                        key,
                        rs.getString("password_hash"),
                        new Lockout.State(
                                rs.getInt("failed_attempts"),
                                instant(rs.getObject("locked_at", OffsetDateTime.class)))))
                .optional();
    }

    /** The user whose bank-wide login ID this is, read as {@link #find} reads an account. */
    Optional<StoredAccount> findUserByLoginId(String loginId) {
        return jdbc.sql("SELECT contract_id, account_id, password_hash, failed_attempts, locked_at FROM account"
                        + " WHERE login_id = ? AND realm = 'USER'")
                .param(loginId)
                .query((rs, n) -> new StoredAccount(
                        AccountKey.user(rs.getString("contract_id"), rs.getString("account_id")),
                        rs.getString("password_hash"),
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
        jdbc.sql("UPDATE account SET password_hash = ? WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(passwordHash, key.realm().name(), key.contractColumn(), key.accountId())
                .update();
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
        return jdbc.sql("UPDATE account SET password_hash = ?, password_changed_at = ?"
                                + (unlock ? ", failed_attempts = 0, locked_at = NULL" : "")
                                + " WHERE realm = ? AND contract_id = ? AND account_id = ?")
                        .params(passwordHash, utc(changedAt), key.realm().name(), key.contractColumn(), key.accountId())
                        .update()
                == 1;
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

package io.inkan.admin.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {
    private static final String COLUMNS = "contract_id, user_id, name, email, language, login_id, locked,"
            + " current_serial, current_not_after, current_state, pending_serial, pending_not_after,"
            + " authorization_id, authorization_kind, authorized_at, authorization_expires_at";

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Throws {@link org.springframework.dao.DuplicateKeyException} for a taken user ID or login ID. */
    void insert(UserRecord user, String registeredBy, Instant at) {
        jdbc.sql("INSERT INTO contract_user (contract_id, user_id, name, email, language, login_id, registered_by,"
                        + " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        user.contractId(),
                        user.userId(),
                        user.name(),
                        user.email(),
                        user.language(),
                        user.loginId(),
                        registeredBy,
                        utc(at))
                .update();
    }

    /**
     * Claims the user's certificate subject ({@code CN={contractId}{userId}}, compared without regard to case) in the
     * caller's transaction. Throws {@link org.springframework.dao.DuplicateKeyException} when another pair holds it,
     * including one registered concurrently.
     */
    void claimSubject(String contractId, String userId) {
        jdbc.sql("INSERT INTO user_subject_key (subject_key, contract_id, user_id) VALUES (?, ?, ?)")
                .params(subjectKey(contractId, userId), contractId, userId)
                .update();
    }

    /** Whether a pair other than (contract, user) holds the subject that (contract, user) would make. */
    boolean subjectTakenByAnother(String contractId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_subject_key WHERE subject_key = ?"
                                + " AND NOT (contract_id = ? AND user_id = ?)")
                        .params(subjectKey(contractId, userId), contractId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** The IDs are ASCII (Ids.ID), so lower case here is what LOWER() gives in the migration. */
    private static String subjectKey(String contractId, String userId) {
        return (contractId + userId).toLowerCase(Locale.ROOT);
    }

    boolean exists(String contractId, String userId) {
        return find(contractId, userId).isPresent();
    }

    boolean loginIdTaken(String loginId) {
        return jdbc.sql("SELECT COUNT(*) FROM contract_user WHERE login_id = ?")
                        .param(loginId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<UserRecord> find(String contractId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_user WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .query(UserRepository::user)
                .optional();
    }

    /** The user's row, locked until the transaction ends, so concurrent changes of one user queue up. */
    Optional<UserRecord> lock(String contractId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_user WHERE contract_id = ? AND user_id = ? FOR UPDATE")
                .params(contractId, userId)
                .query(UserRepository::user)
                .optional();
    }

    List<UserRecord> all(String contractId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_user WHERE contract_id = ? ORDER BY user_id")
                .param(contractId)
                .query(UserRepository::user)
                .list();
    }

    void updateContact(String contractId, String userId, String name, String email, String language) {
        jdbc.sql("UPDATE contract_user SET name = ?, email = ?, language = ? WHERE contract_id = ? AND user_id = ?")
                .params(name, email, language, contractId, userId)
                .update();
    }

    void updateCertificate(String contractId, String userId, CertificateState c) {
        jdbc.sql("UPDATE contract_user SET current_serial = ?, current_not_after = ?, current_state = ?,"
                        + " pending_serial = ?, pending_not_after = ?, authorization_id = ?, authorization_kind = ?,"
                        + " authorized_at = ?, authorization_expires_at = ? WHERE contract_id = ? AND user_id = ?")
                .params(
                        c.currentSerial(),
                        utc(c.currentNotAfter()),
                        c.current() == null ? null : c.current().name(),
                        c.pendingSerial(),
                        utc(c.pendingNotAfter()),
                        c.authorizationId(),
                        c.authorizationKind() == null
                                ? null
                                : c.authorizationKind().name(),
                        utc(c.authorizedAt()),
                        utc(c.authorizationExpiresAt()),
                        contractId,
                        userId)
                .update();
    }

    void setLocked(String contractId, String userId, boolean locked) {
        jdbc.sql("UPDATE contract_user SET locked = ? WHERE contract_id = ? AND user_id = ?")
                .params(locked, contractId, userId)
                .update();
    }

    private static UserRecord user(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("current_state");
        String kind = rs.getString("authorization_kind");
        return new UserRecord(
                rs.getString("contract_id"),
                rs.getString("user_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("language"),
                rs.getString("login_id"),
                rs.getBoolean("locked"),
                new CertificateState(
                        rs.getString("current_serial"),
                        instant(rs, "current_not_after"),
                        state == null ? null : CertificateState.Current.valueOf(state),
                        rs.getString("pending_serial"),
                        instant(rs, "pending_not_after"),
                        rs.getString("authorization_id"),
                        kind == null ? null : AuthorizationKind.valueOf(kind),
                        instant(rs, "authorized_at"),
                        instant(rs, "authorization_expires_at")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

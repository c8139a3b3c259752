package io.inkan.admin.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {
    private static final String COLUMNS = "contract_id, user_id, name, email, language, login_id, locked,"
            + " current_serial, current_not_after, current_state, pending_serial, pending_not_after, deleted_at";
    private static final String AUTHORIZATION_COLUMNS =
            "authorization_id, contract_id, user_id, kind, authorized_at, status";

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
                .query((rs, n) -> user(rs, List.of()))
                .optional()
                .map(this::withAuthorizations);
    }

    /** The user's row, locked until the transaction ends, so concurrent changes of one user queue up. */
    Optional<UserRecord> lock(String contractId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_user WHERE contract_id = ? AND user_id = ? FOR UPDATE")
                .params(contractId, userId)
                .query((rs, n) -> user(rs, List.of()))
                .optional()
                .map(this::withAuthorizations);
    }

    List<UserRecord> all(String contractId) {
        Map<String, List<Authorization>> authorizations = jdbc
                .sql("SELECT " + AUTHORIZATION_COLUMNS + " FROM user_authorization WHERE contract_id = ?")
                .param(contractId)
                .query((rs, n) -> Map.entry(rs.getString("user_id"), authorization(rs)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("SELECT " + COLUMNS + " FROM contract_user WHERE contract_id = ? ORDER BY user_id")
                .param(contractId)
                .query((rs, n) -> user(rs, authorizations.getOrDefault(rs.getString("user_id"), List.of())))
                .list();
    }

    private UserRecord withAuthorizations(UserRecord user) {
        List<Authorization> authorizations = jdbc.sql("SELECT " + AUTHORIZATION_COLUMNS
                        + " FROM user_authorization WHERE contract_id = ? AND user_id = ? ORDER BY authorized_at")
                .params(user.contractId(), user.userId())
                .query((rs, n) -> authorization(rs))
                .list();
        CertificateState c = user.certificate();
        return new UserRecord(
                user.contractId(),
                user.userId(),
                user.name(),
                user.email(),
                user.language(),
                user.loginId(),
                user.locked(),
                new CertificateState(
                        c.currentSerial(),
                        c.currentNotAfter(),
                        c.current(),
                        c.pendingSerial(),
                        c.pendingNotAfter(),
                        authorizations),
                user.deletedAt());
    }

    void updateContact(String contractId, String userId, String name, String email, String language) {
        jdbc.sql("UPDATE contract_user SET name = ?, email = ?, language = ? WHERE contract_id = ? AND user_id = ?")
                .params(name, email, language, contractId, userId)
                .update();
    }

    /** Writes what changed from {@code before} to {@code after}: the certificate columns, new and settled authorizations. */
    void updateCertificate(String contractId, String userId, CertificateState before, CertificateState after) {
        if (!sameCertificates(before, after)) {
            jdbc.sql("UPDATE contract_user SET current_serial = ?, current_not_after = ?, current_state = ?,"
                            + " pending_serial = ?, pending_not_after = ? WHERE contract_id = ? AND user_id = ?")
                    .params(
                            after.currentSerial(),
                            utc(after.currentNotAfter()),
                            after.current() == null ? null : after.current().name(),
                            after.pendingSerial(),
                            utc(after.pendingNotAfter()),
                            contractId,
                            userId)
                    .update();
        }
        for (Authorization a : after.authorizations()) {
            Optional<Authorization> was = before.authorization(a.id());
            if (was.isEmpty()) {
                jdbc.sql("INSERT INTO user_authorization (" + AUTHORIZATION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")
                        .params(
                                a.id(),
                                contractId,
                                userId,
                                a.kind().name(),
                                utc(a.authorizedAt()),
                                a.status().name())
                        .update();
            } else if (was.get().status() != a.status()) {
                jdbc.sql("UPDATE user_authorization SET status = ? WHERE authorization_id = ?")
                        .params(a.status().name(), a.id())
                        .update();
            }
        }
    }

    private static boolean sameCertificates(CertificateState a, CertificateState b) {
        return Objects.equals(a.currentSerial(), b.currentSerial())
                && Objects.equals(a.currentNotAfter(), b.currentNotAfter())
                && a.current() == b.current()
                && Objects.equals(a.pendingSerial(), b.pendingSerial())
                && Objects.equals(a.pendingNotAfter(), b.pendingNotAfter());
    }

    /** Marks the user removed from the contract, once; the row and its user ID stay. */
    void markDeleted(String contractId, String userId, String deletedBy, Instant at) {
        jdbc.sql("UPDATE contract_user SET deleted_at = ?, deleted_by = ? WHERE contract_id = ? AND user_id = ?"
                        + " AND deleted_at IS NULL")
                .params(utc(at), deletedBy, contractId, userId)
                .update();
    }

    void setLocked(String contractId, String userId, boolean locked) {
        jdbc.sql("UPDATE contract_user SET locked = ? WHERE contract_id = ? AND user_id = ?")
                .params(locked, contractId, userId)
                .update();
    }

    private static UserRecord user(ResultSet rs, List<Authorization> authorizations) throws SQLException {
        String state = rs.getString("current_state");
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
                        authorizations),
                instant(rs, "deleted_at"));
    }

    private static Authorization authorization(ResultSet rs) throws SQLException {
        return new Authorization(
                rs.getString("authorization_id"),
                AuthorizationKind.valueOf(rs.getString("kind")),
                instant(rs, "authorized_at"),
                AuthorizationStatus.valueOf(rs.getString("status")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}

package io.inkan.issuance.right;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code issuance_authorization} table. */
@Repository
class AuthorizationRepository {
    private final JdbcClient jdbc;

    AuthorizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An authorization neither used nor lapsed, with the user it belongs to. */
    record Outstanding(String authorizationId, String contractId, String userId, Instant authorizedAt) {}

    /** Records an authorization once, however often its event is delivered. */
    void insert(
            String authorizationId,
            String contractId,
            String userId,
            Authorization.Kind kind,
            Instant at,
            boolean acquisitionCode) {
        jdbc.sql("INSERT INTO issuance_authorization (authorization_id, contract_id, user_id, kind, authorized_at,"
                        + " acquisition_code) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(authorizationId, contractId, userId, kind.name(), utc(at), acquisitionCode)
                .update();
    }

    List<Authorization> ofUser(String contractId, String userId) {
        return jdbc.sql("SELECT authorization_id, kind, authorized_at, used_by_request, lapsed_at, acquisition_code"
                        + " FROM issuance_authorization WHERE contract_id = ? AND user_id = ? ORDER BY authorized_at")
                .params(contractId, userId)
                .query((rs, n) -> new Authorization(
                        rs.getString("authorization_id"),
                        Authorization.Kind.valueOf(rs.getString("kind")),
                        instant(rs, "authorized_at"),
                        rs.getString("used_by_request"),
                        instant(rs, "lapsed_at"),
                        rs.getBoolean("acquisition_code")))
                .list();
    }

    /** Marks it used; false when another request used it first, or the lapse scan found it lapsed first. */
    boolean use(String authorizationId, String requestId, Instant at) {
        return jdbc.sql("UPDATE issuance_authorization SET used_by_request = ?, used_at = ?"
                                + " WHERE authorization_id = ? AND used_by_request IS NULL AND lapsed_at IS NULL")
                        .params(requestId, utc(at), authorizationId)
                        .update()
                == 1;
    }

    /**
     * The oldest outstanding authorizations of all users, read without a lock: {@link #markLapsed} decides which
     * instance, if several scan at once, lapses each one.
     */
    List<Outstanding> oldestOutstanding(int limit) {
        return jdbc.sql("SELECT authorization_id, contract_id, user_id, authorized_at FROM issuance_authorization"
                        + " WHERE used_by_request IS NULL AND lapsed_at IS NULL ORDER BY authorized_at LIMIT ?")
                .param(limit)
                .query((rs, n) -> new Outstanding(
                        rs.getString("authorization_id"),
                        rs.getString("contract_id"),
                        rs.getString("user_id"),
                        instant(rs, "authorized_at")))
                .list();
    }

    /** Marks it lapsed; false when it was used, or marked lapsed by another instance, first. */
    boolean markLapsed(String authorizationId, Instant lapsedAt) {
        return jdbc.sql("UPDATE issuance_authorization SET lapsed_at = ?"
                                + " WHERE authorization_id = ? AND used_by_request IS NULL AND lapsed_at IS NULL")
                        .params(utc(lapsedAt), authorizationId)
                        .update()
                == 1;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

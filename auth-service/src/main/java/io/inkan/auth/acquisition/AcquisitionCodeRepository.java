package io.inkan.auth.acquisition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code acquisition_code} table: authorizations that came with a one-time acquisition code. */
@Repository
class AcquisitionCodeRepository {
    private final JdbcClient jdbc;

    AcquisitionCodeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records it once, however often its event is delivered. */
    void insert(
            String authorizationId,
            String contractId,
            String userId,
            Kind kind,
            String codeHash,
            Instant authorizedAt) {
        jdbc.sql("INSERT INTO acquisition_code (authorization_id, contract_id, user_id, kind, code_hash,"
                        + " authorized_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(authorizationId, contractId, userId, kind.name(), codeHash, utc(authorizedAt))
                .update();
    }

    /** The user's authorizations not closed here, locked: reissue first, then oldest first. */
    List<WaitingCode> openOfUserForUpdate(String contractId, String userId) {
        return jdbc.sql("SELECT authorization_id, kind, code_hash, failed_attempts FROM acquisition_code"
                        + " WHERE contract_id = ? AND user_id = ? AND closed_at IS NULL"
                        + " ORDER BY authorized_at FOR UPDATE")
                .params(contractId, userId)
                .query(AcquisitionCodeRepository::map)
                .list();
    }

    void countFailure(String authorizationId) {
        jdbc.sql("UPDATE acquisition_code SET failed_attempts = failed_attempts + 1 WHERE authorization_id = ?")
                .param(authorizationId)
                .update();
    }

    /** Closes it; false when it was closed already. */
    boolean close(String authorizationId, Instant at, String because) {
        return jdbc.sql("UPDATE acquisition_code SET closed_at = ?, closed_because = ?"
                                + " WHERE authorization_id = ? AND closed_at IS NULL")
                        .params(utc(at), because, authorizationId)
                        .update()
                == 1;
    }

    enum Kind {
        ISSUANCE,
        REISSUE
    }

    /** An authorization whose code a request may still give. */
    record WaitingCode(String authorizationId, Kind kind, String codeHash, int failedAttempts) {
        @Override
        public String toString() {
            return "WaitingCode[authorizationId=" + authorizationId + ", failedAttempts=" + failedAttempts + "]";
        }
    }

    private static WaitingCode map(ResultSet rs, int row) throws SQLException {
        return new WaitingCode(
                rs.getString("authorization_id"),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("code_hash"),
                rs.getInt("failed_attempts"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

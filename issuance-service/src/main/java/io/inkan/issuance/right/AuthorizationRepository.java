package io.inkan.issuance.right;

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

    /** Records an authorization once, however often its event is delivered. */
    void insert(String authorizationId, String contractId, String userId, Authorization.Kind kind, Instant at) {
        jdbc.sql("INSERT INTO issuance_authorization (authorization_id, contract_id, user_id, kind, authorized_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(authorizationId, contractId, userId, kind.name(), utc(at))
                .update();
    }

    List<Authorization> ofUser(String contractId, String userId) {
        return jdbc.sql("SELECT authorization_id, kind, authorized_at, used_by_request FROM issuance_authorization"
                        + " WHERE contract_id = ? AND user_id = ? ORDER BY authorized_at")
                .params(contractId, userId)
                .query((rs, n) -> new Authorization(
                        rs.getString("authorization_id"),
                        Authorization.Kind.valueOf(rs.getString("kind")),
                        rs.getObject("authorized_at", OffsetDateTime.class).toInstant(),
                        rs.getString("used_by_request")))
                .list();
    }

    /** Marks it used; false when another request used it first. */
    boolean use(String authorizationId, String requestId, Instant at) {
        return jdbc.sql("UPDATE issuance_authorization SET used_by_request = ?, used_at = ?"
                                + " WHERE authorization_id = ? AND used_by_request IS NULL")
                        .params(requestId, utc(at), authorizationId)
                        .update()
                == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

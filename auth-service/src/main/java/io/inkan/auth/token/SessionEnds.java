package io.inkan.auth.token;

import io.inkan.events.Realm;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * When each user's sessions last ended: the moment auth-service, by its own clock, applied the user's
 * latest reissue, revocation (other than {@code superseded}, the normal end of a renewal) or lock-out.
 * A user token issued at or before that moment no longer opens anything here. Taking auth-service's own
 * clock, when it applied the fact, rather than the time in the event, means no clock skew between the
 * services can let an old session through.
 */
@Service
public class SessionEnds implements Tokens.EndedSessions {
    private static final Logger log = LoggerFactory.getLogger(SessionEnds.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    SessionEnds(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Ends every session the user opened until now. Joins the caller's transaction (a consumed event's,
     * or the lock-out's), so the end and its cause commit together.
     */
    public void endSessionsOf(String contractId, String userId, String because) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        // Never moves back: a late, older fact does not reopen what a newer one closed.
        int moved = jdbc.sql(
                        "UPDATE session_end SET ended_at = ? WHERE contract_id = ? AND user_id = ? AND ended_at < ?")
                .params(now, contractId, userId, now)
                .update();
        if (moved == 0
                && jdbc.sql("INSERT INTO session_end (contract_id, user_id, ended_at) VALUES (?, ?, ?)"
                                        + " ON CONFLICT DO NOTHING")
                                .params(contractId, userId, now)
                                .update()
                        == 0) {
            // Another instance made the row meanwhile: move it if it is older.
            jdbc.sql("UPDATE session_end SET ended_at = ? WHERE contract_id = ? AND user_id = ? AND ended_at < ?")
                    .params(now, contractId, userId, now)
                    .update();
        }
        log.info("Sessions of {}:{} opened until {} ended: {}", contractId, userId, now.toInstant(), because);
    }

    /**
     * A user's sessions end as above; an administrator's or an operator's (whose tokens act mostly at
     * admin-service) end here when they change their password, as the account row notes it.
     */
    @Override
    public Optional<Instant> lastEndOf(Realm realm, String contractId, String accountId) {
        if (realm == Realm.USER) {
            return lastEndOf(contractId, accountId);
        }
        return jdbc.sql(
                        "SELECT password_changed_at FROM account WHERE realm = ? AND contract_id = ? AND account_id = ?")
                .params(realm.name(), contractId == null ? "" : contractId, accountId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject("password_changed_at", OffsetDateTime.class)))
                .optional()
                .flatMap(changedAt -> changedAt)
                .map(OffsetDateTime::toInstant);
    }

    @Override
    public Optional<Instant> lastEndOf(String contractId, String userId) {
        return jdbc.sql("SELECT ended_at FROM session_end WHERE contract_id = ? AND user_id = ?")
                .params(contractId, userId)
                .query((rs, n) -> rs.getObject("ended_at", OffsetDateTime.class).toInstant())
                .optional();
    }
}

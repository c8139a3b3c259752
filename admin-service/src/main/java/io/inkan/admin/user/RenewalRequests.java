package io.inkan.admin.user;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Users' renewal requests that issuance-service has not answered yet (renewalWaiting in the list of what expires soon), from auth-service's CertificateRequested and
 * issuance-service's answer to the same requestId, whichever arrives first (two topics, no order between them). A
 * request and its answer, once both are seen, leave nothing behind. Called in the transaction that applies the event,
 * with the user's row locked (so a request and its answer, arriving at once on their two topics, queue up).
 */
@Repository
class RenewalRequests {
    private static final String OPEN = "OPEN";
    private static final String ANSWER = "ANSWER";

    private final JdbcClient jdbc;

    RenewalRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * auth-service sent a request on: open until its answer, unless the answer came first. Requests of every kind are
     * kept, so that no answer is left behind waiting for one; only a renewal marks the user's certificate.
     */
    void requested(String requestId, String contractId, String userId, boolean renewal, Instant at) {
        if (!deleted(requestId, ANSWER)) {
            insertIfAbsent(requestId, contractId, userId, OPEN, renewal, at);
        }
    }

    /** issuance-service answered (issued or rejected): the request is no longer waiting, or will never wait. */
    void answered(String requestId, String contractId, String userId, Instant at) {
        if (!deleted(requestId, OPEN)) {
            insertIfAbsent(requestId, contractId, userId, ANSWER, false, at);
        }
    }

    private boolean deleted(String requestId, String state) {
        return jdbc.sql("DELETE FROM renewal_request WHERE request_id = ? AND state = ?")
                        .params(requestId, state)
                        .update()
                > 0;
    }

    private void insertIfAbsent(
            String requestId, String contractId, String userId, String state, boolean renewal, Instant at) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM renewal_request WHERE request_id = ?")
                        .param(requestId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!known) {
            jdbc.sql("INSERT INTO renewal_request (request_id, contract_id, user_id, state, renewal, occurred_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(
                            requestId,
                            contractId,
                            userId,
                            state,
                            renewal,
                            at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                    .update();
        }
    }
}

package io.inkan.auth.request;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The front ends' sealed submissions whose credentials are still to be checked ({@code frontend_submission}): the
 * consumer adds one in the transaction of its record, {@link SubmissionChecks} takes them out one by one. A holder's
 * submissions (the user the sealed credentials name) are taken in the order they were added, one at a time.
 */
@Repository
class SubmissionQueue {
    /** A queued submission, as the consumer saw it. */
    record Queued(
            String requestId,
            String sealedCredentials,
            String csrPem,
            Instant receivedAt,
            int attempts,
            String traceContext) {
        @Override
        public String toString() {
            return "Queued[requestId=" + requestId + "]";
        }
    }

    private final JdbcClient jdbc;
    private final List<Runnable> whenAdded = new CopyOnWriteArrayList<>();

    SubmissionQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a submission in the caller's transaction, and tells {@link #whenAdded} listeners once it committed; false
     * when one with this request ID is already queued.
     */
    boolean add(
            String requestId,
            String holder,
            String sealedCredentials,
            String csrPem,
            Instant receivedAt,
            String traceContext) {
        boolean added = jdbc.sql("INSERT INTO frontend_submission (request_id, holder, sealed_credentials, csr_pem,"
                                + " received_at, next_attempt_at, trace_context) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(
                                requestId,
                                holder,
                                sealedCredentials,
                                csrPem,
                                utc(receivedAt),
                                utc(receivedAt),
                                traceContext)
                        .update()
                == 1;
        if (added && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    whenAdded.forEach(Runnable::run);
                }
            });
        }
        return added;
    }

    boolean holds(String requestId) {
        return jdbc.sql("SELECT COUNT(*) FROM frontend_submission WHERE request_id = ?")
                        .param(requestId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Takes the oldest submission due at {@code now} that is its holder's oldest and that no other transaction holds,
     * and locks it until the caller's transaction ends.
     */
    Optional<Queued> claimNext(Instant now) {
        return jdbc.sql("SELECT request_id, sealed_credentials, csr_pem, received_at, attempts, trace_context"
                        + " FROM frontend_submission s WHERE next_attempt_at <= ?"
                        + " AND NOT EXISTS (SELECT 1 FROM frontend_submission e"
                        + " WHERE e.holder = s.holder AND e.seq < s.seq)"
                        + " ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED")
                .param(utc(now))
                .query((rs, n) -> new Queued(
                        rs.getString("request_id"),
                        rs.getString("sealed_credentials"),
                        rs.getString("csr_pem"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts"),
                        rs.getString("trace_context")))
                .optional();
    }

    /** The submission was decided: gone, in the transaction that recorded its outcome. */
    void remove(String requestId) {
        jdbc.sql("DELETE FROM frontend_submission WHERE request_id = ?")
                .param(requestId)
                .update();
    }

    /** A check that failed (not a refusal: the database, a bug) is tried again after {@code delay}. */
    void postpone(String requestId, Instant now, Duration delay) {
        jdbc.sql("UPDATE frontend_submission SET attempts = attempts + 1, next_attempt_at = ? WHERE request_id = ?")
                .params(utc(now.plus(delay)), requestId)
                .update();
    }

    /** Runs {@code listener} after each commit that queued a submission. */
    void whenAdded(Runnable listener) {
        whenAdded.add(listener);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

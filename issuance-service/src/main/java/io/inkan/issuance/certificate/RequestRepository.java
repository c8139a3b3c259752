package io.inkan.issuance.certificate;

import static io.inkan.issuance.certificate.CertificateRepository.utc;

import io.inkan.events.CertificateRequested;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestChannel;
import io.inkan.events.RequestKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code certificate_request} table: every request seen, decided once. */
@Repository
class RequestRepository {
    private static final String COLUMNS =
            "request_id, contract_id, user_id, kind, csr_pem, received_at, hold_until, channel, authorization_id";

    private final JdbcClient jdbc;

    RequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Registers a request as PENDING; empty when its ID was seen before (a duplicate delivery). */
    Optional<HeldRequest> register(CertificateRequested event, Instant now, Instant holdUntil) {
        int inserted = jdbc.sql("INSERT INTO certificate_request (request_id, contract_id, user_id, kind, csr_pem,"
                        + " requested_at, received_at, hold_until, status, channel, authorization_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)"
                        + " ON CONFLICT DO NOTHING")
                .params(
                        event.requestId(),
                        event.contractId(),
                        event.userId(),
                        event.kind().name(),
                        event.csrPem(),
                        utc(event.requestedAt()),
                        utc(now),
                        utc(holdUntil),
                        event.channel() == null ? null : event.channel().name(),
                        event.authorizationId())
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        return Optional.of(new HeldRequest(
                event.requestId(),
                event.contractId(),
                event.userId(),
                event.kind(),
                event.csrPem(),
                now,
                holdUntil,
                event.channel(),
                event.authorizationId()));
    }

    /** The user's held requests, locked, oldest first. */
    List<HeldRequest> heldOf(String contractId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate_request WHERE contract_id = ? AND user_id = ?"
                        + " AND status = 'PENDING' ORDER BY received_at FOR UPDATE")
                .params(contractId, userId)
                .query(RequestRepository::map)
                .list();
    }

    /** Held requests whose wait is over; several instances take disjoint batches. */
    List<HeldRequest> due(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM certificate_request WHERE status = 'PENDING' AND hold_until <= ?"
                        + " ORDER BY hold_until LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(utc(now), limit)
                .query(RequestRepository::map)
                .list();
    }

    void issued(String requestId, String serialNumber, Instant now) {
        // The CSR has served its purpose; the certificate holds the key.
        jdbc.sql("UPDATE certificate_request SET status = 'ISSUED', serial_number = ?, decided_at = ?, csr_pem = NULL"
                        + " WHERE request_id = ?")
                .params(serialNumber, utc(now), requestId)
                .update();
    }

    void rejected(String requestId, RejectionReason reason, Instant now) {
        jdbc.sql("UPDATE certificate_request SET status = 'REJECTED', reason = ?, decided_at = ?, csr_pem = NULL"
                        + " WHERE request_id = ?")
                .params(reason.name(), utc(now), requestId)
                .update();
    }

    private static HeldRequest map(ResultSet rs, int row) throws SQLException {
        return new HeldRequest(
                rs.getString("request_id"),
                rs.getString("contract_id"),
                rs.getString("user_id"),
                RequestKind.valueOf(rs.getString("kind")),
                rs.getString("csr_pem"),
                rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getObject("hold_until", OffsetDateTime.class).toInstant(),
                rs.getString("channel") == null ? null : RequestChannel.valueOf(rs.getString("channel")),
                rs.getString("authorization_id"));
    }
}

package io.inkan.auth.request;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRejected;
import io.inkan.events.RequestKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RequestRepository {
    enum Channel {
        HTTP,
        KAFKA
    }

    private final JdbcClient jdbc;

    RequestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String requestId) {
        return jdbc.sql("SELECT COUNT(*) FROM certificate_request WHERE request_id = ?")
                        .param(requestId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Whether a request of the user is still PENDING (waits for issuance-service's answer). */
    boolean pendingOf(String contractId, String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM certificate_request WHERE contract_id = ? AND user_id = ?"
                                + " AND status = 'PENDING'")
                        .params(contractId, userId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Stores a request; false when its ID is taken (the primary key decides, across instances). */
    boolean insertPending(
            String requestId, Channel channel, String contractId, String userId, RequestKind kind, Instant at) {
        return jdbc.sql("INSERT INTO certificate_request (request_id, channel, contract_id, user_id, kind, status,"
                                + " requested_at) VALUES (?, ?, ?, ?, ?, 'PENDING', ?) ON CONFLICT DO NOTHING")
                        .params(requestId, channel.name(), contractId, userId, kind.name(), utc(at))
                        .update()
                == 1;
    }

    /** Stores a submission refused before it became a request. */
    boolean insertRefused(
            String requestId, Channel channel, String contractId, String userId, String reason, Instant at) {
        return jdbc.sql("INSERT INTO certificate_request (request_id, channel, contract_id, user_id, status, reason,"
                                + " requested_at, decided_at) VALUES (?, ?, ?, ?, 'REJECTED', ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING")
                        .params(requestId, channel.name(), contractId, userId, reason, utc(at), utc(at))
                        .update()
                == 1;
    }

    /** True when it took the request out of PENDING (false for a repeat or an unknown request). */
    boolean markIssued(CertificateIssued issued) {
        return jdbc.sql(
                                "UPDATE certificate_request SET status = 'ISSUED', reason = NULL, serial_number = ?, subject = ?,"
                                        + " issuer = ?, not_before = ?, not_after = ?, sha256_fingerprint = ?, certificate_pem = ?,"
                                        + " chain_pem = ?, decided_at = ? WHERE request_id = ? AND status = 'PENDING'")
                        .params(
                                issued.serialNumber(),
                                issued.subject(),
                                issued.issuer(),
                                utc(issued.notBefore()),
                                utc(issued.notAfter()),
                                issued.sha256Fingerprint(),
                                issued.certificatePem(),
                                issued.chainPem(),
                                issued.issuedAt() == null ? null : utc(issued.issuedAt()),
                                issued.requestId())
                        .update()
                == 1;
    }

    /** The first POST with this user's key wins (the primary key decides, across instances). */
    boolean claimIdempotencyKey(
            String contractId, String userId, String key, String requestHash, String requestId, Instant at) {
        return jdbc.sql("INSERT INTO idempotency_key (contract_id, user_id, idempotency_key, request_hash, request_id,"
                                + " created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(contractId, userId, key, requestHash, requestId, utc(at))
                        .update()
                == 1;
    }

    record KeyedRequest(String requestHash, String requestId) {}

    Optional<KeyedRequest> findIdempotencyKey(String contractId, String userId, String key) {
        return jdbc.sql("SELECT request_hash, request_id FROM idempotency_key WHERE contract_id = ? AND user_id = ?"
                        + " AND idempotency_key = ?")
                .params(contractId, userId, key)
                .query((rs, n) -> new KeyedRequest(rs.getString("request_hash"), rs.getString("request_id")))
                .optional();
    }

    void pointIdempotencyKey(String contractId, String userId, String key, String requestId) {
        jdbc.sql("UPDATE idempotency_key SET request_id = ? WHERE contract_id = ? AND user_id = ?"
                        + " AND idempotency_key = ?")
                .params(requestId, contractId, userId, key)
                .update();
    }

    int forgetIdempotencyKeysBefore(Instant before) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < ?")
                .param(utc(before))
                .update();
    }

    /** Claims the CSR's public key for a new request of this user; false when a PENDING or ISSUED one holds it. */
    boolean claimOpenKey(String contractId, String userId, String publicKeySha256, String requestId) {
        return jdbc.sql("INSERT INTO open_request_key (contract_id, user_id, public_key_sha256, request_id)"
                                + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(contractId, userId, publicKeySha256, requestId)
                        .update()
                == 1;
    }

    Optional<String> findOpenKey(String contractId, String userId, String publicKeySha256) {
        return jdbc.sql("SELECT request_id FROM open_request_key WHERE contract_id = ? AND user_id = ?"
                        + " AND public_key_sha256 = ?")
                .params(contractId, userId, publicKeySha256)
                .query(String.class)
                .optional();
    }

    /** True when it took the request out of PENDING (false for a repeat or an unknown request). */
    boolean markRejected(CertificateRejected rejected) {
        // A rejected request answers no later POST of the same CSR.
        jdbc.sql("DELETE FROM open_request_key WHERE request_id = ?")
                .param(rejected.requestId())
                .update();
        return jdbc.sql("UPDATE certificate_request SET status = 'REJECTED', reason = ?, detail = ?, decided_at = ?"
                                + " WHERE request_id = ? AND status = 'PENDING'")
                        .params(
                                rejected.reason().name(),
                                rejected.detail(),
                                rejected.rejectedAt() == null ? null : utc(rejected.rejectedAt()),
                                rejected.requestId())
                        .update()
                == 1;
    }

    Optional<RequestView> find(String requestId) {
        return jdbc.sql("SELECT request_id, status, reason, detail, serial_number, subject, issuer, not_before,"
                        + " not_after, sha256_fingerprint, certificate_pem, chain_pem FROM certificate_request"
                        + " WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> {
                    RequestStatus status = RequestStatus.valueOf(rs.getString("status"));
                    RequestView.IssuedCertificate certificate = status == RequestStatus.ISSUED
                            ? new RequestView.IssuedCertificate(
                                    rs.getString("serial_number"),
                                    rs.getString("subject"),
                                    rs.getString("issuer"),
                                    instant(rs.getObject("not_before", OffsetDateTime.class)),
                                    instant(rs.getObject("not_after", OffsetDateTime.class)),
                                    rs.getString("sha256_fingerprint"),
                                    rs.getString("certificate_pem"),
                                    rs.getString("chain_pem"))
                            : null;
                    return new RequestView(
                            rs.getString("request_id"),
                            status,
                            rs.getString("reason"),
                            rs.getString("detail"),
                            certificate);
                })
                .optional();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

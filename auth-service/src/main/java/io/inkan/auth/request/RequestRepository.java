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

    void markIssued(CertificateIssued issued) {
        jdbc.sql("UPDATE certificate_request SET status = 'ISSUED', reason = NULL, serial_number = ?, subject = ?,"
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
                .update();
    }

    void markRejected(CertificateRejected rejected) {
        jdbc.sql("UPDATE certificate_request SET status = 'REJECTED', reason = ?, detail = ?, decided_at = ?"
                        + " WHERE request_id = ? AND status = 'PENDING'")
                .params(
                        rejected.reason().name(),
                        rejected.detail(),
                        rejected.rejectedAt() == null ? null : utc(rejected.rejectedAt()),
                        rejected.requestId())
                .update();
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

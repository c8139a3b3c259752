package io.inkan.notification.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkan.messaging.http.ProblemException;
import io.inkan.notification.security.Caller;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications}: the mails sent to one account (or that failed for good), newest first. They name
 * a customer's mail address, serial numbers and subjects, so only an operator (any contract) or the administrator of
 * {@code contractId} may read them; an administrator who names no contract or another one gets 403 before anything
 * is looked up.
 */
@RestController
class NotificationsController {
    private final JdbcClient jdbc;

    NotificationsController(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notification(
            String notificationId,
            String kind,
            String serialNumber,
            String recipient,
            String subject,
            String status,
            Instant sentAt,
            Instant failedAt,
            Instant createdAt) {}

    @GetMapping("/api/v1/notifications")
    ResponseEntity<?> list(
            @RequestParam(required = false) String contractId,
            @RequestParam(required = false) String userId,
            @AuthenticationPrincipal Jwt token) {
        Caller caller =
                Caller.of(token.getClaimAsString("realm"), token.getSubject(), token.getClaimAsString("contractId"));
        if (!caller.isOperator() && !caller.administers(contractId)) {
            throw new AccessDeniedException("neither an operator nor the administrator of this contract");
        }
        if (contractId == null || contractId.isBlank() || userId == null || userId.isBlank()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "contractId and userId are required");
        }
        List<Notification> mails = jdbc.sql("SELECT notification_id, kind, serial_number, recipient, subject,"
                        + " status, sent_at, failed_at, created_at FROM outgoing_mail"
                        + " WHERE contract_id = ? AND account_id = ? AND status IN ('SENT', 'FAILED')"
                        + " ORDER BY COALESCE(sent_at, failed_at) DESC, created_at DESC")
                .params(contractId, userId)
                .query((rs, n) -> new Notification(
                        rs.getString("notification_id"),
                        rs.getString("kind"),
                        rs.getString("serial_number"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("status"),
                        instant(rs.getObject("sent_at", OffsetDateTime.class)),
                        instant(rs.getObject("failed_at", OffsetDateTime.class)),
                        instant(rs.getObject("created_at", OffsetDateTime.class))))
                .list();
        return ResponseEntity.ok(mails);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}

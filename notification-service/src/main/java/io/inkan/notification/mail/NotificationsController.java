package io.inkan.notification.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkan.messaging.http.ProblemException;
import io.inkan.messaging.http.ProblemResponse;
import io.inkan.notification.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Notifications", description = "The mails Inkan sent: reminders and lifecycle notices.")
@SecurityRequirement(name = "bearer")
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

    @Operation(summary = "The mails sent to one user", description = """
                    The reminders and other mails sent to the user (or that failed for good), newest first. They name \
                    the user's mail address, serial numbers and subjects, so the token must be an operator's or that \
                    contract's administrator's.""")
    @ApiResponse(
            responseCode = "200",
            description = "The mails; `sentAt` for a sent one, `failedAt` for one that failed for good.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "[{\"notificationId\":\"9b1e…\",\"kind\":\"EXPIRY_REMINDER\","
                                                            + "\"serialNumber\":\"5f3a…\",\"recipient\":\"hanako@example.co.jp\","
                                                            + "\"subject\":\"【Inkan銀行】電子証明書の有効期限が近づいています（シリアル番号 5f3a…）\",\"status\":\"SENT\","
                                                            + "\"sentAt\":\"2027-02-20T00:00:00Z\",\"createdAt\":\"2027-02-20T00:00:00Z\"}]")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description =
                    "contractId or userId is missing (asked only of an operator: an administrator must name their own"
                            + " contract first)")
    @ProblemResponse(
            status = 403,
            code = "FORBIDDEN",
            description = "a user's token, or an administrator of another contract (or of none named)")
    @GetMapping("/api/v1/notifications")
    ResponseEntity<?> list(
            // checked here, not by Spring, so that access is decided first (403 before 400)
            @Parameter(required = true, description = "the user's contract", example = "C0012345")
                    @RequestParam(required = false)
                    String contractId,
            @Parameter(required = true, description = "the user", example = "U001") @RequestParam(required = false)
                    String userId,
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

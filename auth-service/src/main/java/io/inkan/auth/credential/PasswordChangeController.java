package io.inkan.auth.credential;

import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/password-changes} (docs/contract.md §4): the bearer of a session changes their own
 * password. 401 for no valid session or a wrong current password, 423 when the account is locked, 422 with the
 * rule's code only when the current password was right, 503 BUSY with Retry-After when too many checks run.
 */
@RestController
@Tag(name = "Sessions", description = "Log on: a bearer token for the other calls of every service.")
class PasswordChangeController {
    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final PasswordChanges changes;

    PasswordChangeController(Tokens tokens, PasswordChanges changes) {
        this.tokens = tokens;
        this.changes = changes;
    }

    record PasswordChangeRequest(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChangeRequest[]"; // never a password
        }
    }

    @Operation(
            summary = "Change one's own password",
            description = """
                    With a bearer token of a user, an administrator or an operator. The new password has at least 8 \
                    characters and differs from the ID and from the current password. A wrong current password counts \
                    toward the lock-out like a failed logon. Every session of the account opened before the change ends, \
                    this one included; the holder gets a mail.""",
            security = @SecurityRequirement(name = "bearer"),
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"currentPassword\":\"…\",\"newPassword\":\"…\"}"))))
    @ApiResponse(responseCode = "204", description = "Changed; log on again with the new password.")
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "currentPassword or newPassword is missing")
    @ProblemResponse(
            status = 401,
            code = "UNAUTHENTICATED",
            description = "no valid session, or a wrong current password (counted toward the lock-out)")
    @ProblemResponse(
            status = 422,
            code = "PASSWORD_TOO_SHORT",
            description = "the new password has fewer than 8 characters (only when the current one was right)")
    @ProblemResponse(
            status = 422,
            code = "PASSWORD_SAME_AS_ID",
            description = "the new password equals the ID (only when the current one was right)")
    @ProblemResponse(
            status = 422,
            code = "PASSWORD_UNCHANGED",
            description = "the new password equals the current one (only when the current one was right)")
    @ProblemResponse(status = 423, code = "LOCKED", description = "the account is locked")
    @ProblemResponse(
            status = 503,
            code = "BUSY",
            description = "more password checks at once than the service runs; retry after `Retry-After` seconds")
    @PostMapping("/api/v1/password-changes")
    ResponseEntity<Void> change(
            @Parameter(hidden = true) @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @RequestBody(required = false) PasswordChangeRequest body) {
        Session session = sessionOf(authorization);
        if (body == null || blank(body.currentPassword()) || body.newPassword() == null) {
            throw ApiProblem.invalid("currentPassword and newPassword are required");
        }
        AccountKey key = new AccountKey(session.realm(), session.contractId(), session.subject());
        PasswordChanges.Outcome outcome = changes.change(key, body.currentPassword(), body.newPassword());
        return switch (outcome) {
            case CHANGED -> ResponseEntity.noContent().build();
            case REJECTED -> throw ApiProblem.unauthenticated();
            case LOCKED -> throw ApiProblem.locked();
            default -> throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, outcome.name(), outcome.detail());
        };
    }

    private Session sessionOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw ApiProblem.unauthenticated("A Bearer token is required.");
        }
        try {
            return tokens.readToken(authorization.substring(BEARER.length()).strip());
        } catch (Tokens.InvalidTokenException e) {
            throw ApiProblem.unauthenticated("The token is not a valid session.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.inkan.auth.credential;

import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
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

    @PostMapping("/api/v1/password-changes")
    ResponseEntity<Void> change(
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
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

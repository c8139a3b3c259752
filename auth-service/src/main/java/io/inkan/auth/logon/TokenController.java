package io.inkan.auth.logon;

import io.inkan.auth.token.AccessToken;
import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/tokens}: one body per realm (CONTRACT.md §4). */
@RestController
class TokenController {
    private final Logon logon;
    private final Tokens tokens;

    TokenController(Logon logon, Tokens tokens) {
        this.logon = logon;
        this.tokens = tokens;
    }

    record TokenRequest(
            String realm,
            String operatorId,
            String contractId,
            String adminId,
            String userId,
            String loginId,
            String certificate,
            String password) {
        @Override
        public String toString() {
            return "TokenRequest[realm=" + realm + "]";
        }
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping("/api/v1/tokens")
    ResponseEntity<TokenResponse> open(@RequestBody TokenRequest request) {
        if (request == null || blank(request.realm())) {
            throw ApiProblem.invalid("realm is required: operator, admin or user");
        }
        if (blank(request.password())) {
            throw ApiProblem.invalid("password is required");
        }
        Session session;
        try {
            session = switch (request.realm().toLowerCase(Locale.ROOT)) {
                case "operator" -> {
                    requirePresent(request.operatorId(), "operatorId");
                    yield logon.operator(request.operatorId(), request.password());
                }
                case "admin" -> {
                    requirePresent(request.contractId(), "contractId");
                    requirePresent(request.adminId(), "adminId");
                    yield logon.administrator(request.contractId(), request.adminId(), request.password());
                }
                case "user" -> user(request);
                default -> throw ApiProblem.invalid("realm must be operator, admin or user");
            };
        } catch (LogonRefused refused) {
            throw Refusals.toProblem(refused);
        }
        AccessToken token = tokens.issue(session);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(token.value(), "Bearer", token.expiresInSeconds()));
    }

    private Session user(TokenRequest request) {
        if (!blank(request.certificate())) {
            if (!blank(request.userId()) || !blank(request.loginId())) {
                throw ApiProblem.invalid("a certificate logon names no user ID or login ID");
            }
            try {
                return logon.userWithCertificate(request.certificate(), request.password());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("certificate is not a PEM X.509 certificate");
            }
        }
        UserCredentials credentials =
                new UserCredentials(request.contractId(), request.userId(), request.loginId(), request.password());
        if (!credentials.complete()) {
            throw ApiProblem.invalid("give contractId and userId, or loginId, or a certificate, with the password");
        }
        return logon.userWithPassword(credentials);
    }

    private static void requirePresent(String value, String name) {
        if (blank(value)) {
            throw ApiProblem.invalid(name + " is required");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.inkan.auth.logon;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkan.auth.certificate.CertificateStanding;
import io.inkan.auth.tls.PresentedCertificates;
import io.inkan.auth.token.AccessToken;
import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
import io.inkan.events.Realm;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/tokens}: one body per realm (docs/contract.md §4), on both ports; a user body without
 * an ID is certificate logon, which only the mutual-TLS port can prove.
 */
@RestController
class TokenController {
    private final Logon logon;
    private final Tokens tokens;
    private final PresentedCertificates presented;
    private final LogonMeters meters;

    TokenController(Logon logon, Tokens tokens, PresentedCertificates presented, LogonMeters meters) {
        this.logon = logon;
        this.tokens = tokens;
        this.presented = presented;
        this.meters = meters;
    }

    record TokenRequest(
            String realm,
            String operatorId,
            String contractId,
            String adminId,
            String userId,
            String loginId,
            // never trusted: anyone can download a certificate; a body that offers one opens no session
            String certificate,
            String password) {
        @Override
        public String toString() {
            return "TokenRequest[realm=" + realm + "]";
        }
    }

    /**
     * @param certificate a user session's certificate standing, for the renewal notice; absent for other realms and
     *     for a user who holds no usable certificate
     */
    record TokenResponse(
            String accessToken,
            String tokenType,
            long expiresIn,
            @JsonInclude(JsonInclude.Include.NON_NULL) CertificateStanding certificate) {}

    @PostMapping("/api/v1/tokens")
    ResponseEntity<TokenResponse> open(@RequestBody TokenRequest request, HttpServletRequest http) {
        if (request == null || blank(request.realm())) {
            throw ApiProblem.invalid("realm is required: operator, admin or user");
        }
        if (blank(request.password())) {
            throw ApiProblem.invalid("password is required");
        }
        Realm realm = switch (request.realm().toLowerCase(Locale.ROOT)) {
            case "operator" -> Realm.OPERATOR;
            case "admin" -> Realm.ADMIN;
            case "user" -> Realm.USER;
            default -> throw ApiProblem.invalid("realm must be operator, admin or user");
        };
        Session session;
        try {
            session = switch (realm) {
                case OPERATOR -> {
                    requirePresent(request.operatorId(), "operatorId");
                    yield logon.operator(request.operatorId(), request.password());
                }
                case ADMIN -> {
                    requirePresent(request.contractId(), "contractId");
                    requirePresent(request.adminId(), "adminId");
                    yield logon.administrator(request.contractId(), request.adminId(), request.password());
                }
                case USER -> user(request, http);
            };
        } catch (LogonRefused refused) {
            meters.refused(realm, refused.reason());
            throw Refusals.toProblem(refused);
        }
        AccessToken token = tokens.issue(session);
        meters.succeeded(realm);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new TokenResponse(
                        token.value(),
                        "Bearer",
                        token.expiresInSeconds(),
                        logon.certificateOf(session).orElse(null)));
    }

    /**
     * ID and password when the body names the user; otherwise certificate logon, whose certificate only a
     * TLS handshake can give (docs/contract.md §4). A certificate offered in the body, or no proven one, is
     * refused exactly like a wrong password.
     */
    private Session user(TokenRequest request, HttpServletRequest http) {
        if (request.certificate() != null) {
            return logon.userWithCertificate(Optional.empty(), request.password());
        }
        UserCredentials credentials =
                new UserCredentials(request.contractId(), request.userId(), request.loginId(), request.password());
        if (blank(request.contractId()) && blank(request.userId()) && blank(request.loginId())) {
            return logon.userWithCertificate(presented.customerCertificate(http), request.password());
        }
        if (!credentials.complete()) {
            throw ApiProblem.invalid("give contractId and userId, or loginId, with the password");
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

package io.inkan.auth.logon;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.inkan.auth.certificate.CertificateStanding;
import io.inkan.auth.tls.PresentedCertificates;
import io.inkan.auth.token.AccessToken;
import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
import io.inkan.events.Realm;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Sessions", description = "Log on: a bearer token for the other calls of every service.")
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

    @Operation(
            summary = "Open a session",
            description = """
                    Answers a bearer token (a JWT signed by auth-service, checked against `GET /.well-known/jwks.json`). \
                    The body names the realm: an operator (`operatorId`), a contract administrator (`contractId`, \
                    `adminId`) or a user (`contractId` and `userId`, or `loginId`; allowed only while the user holds no \
                    usable certificate). A user body with no ID is *certificate logon*: only over mutual TLS on \
                    `inkan.auth.tls-port` (8443), where the certificate comes from the handshake. A user session's answer \
                    carries `certificate`, where the user's certificate stands (for the renewal notice). An unknown ID \
                    answers exactly like a known one.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples = {
                                                @ExampleObject(
                                                        name = "administrator",
                                                        value =
                                                                "{\"realm\":\"admin\",\"contractId\":\"C0012345\",\"adminId\":\"A001\",\"password\":\"…\"}"),
                                                @ExampleObject(
                                                        name = "user",
                                                        value =
                                                                "{\"realm\":\"user\",\"contractId\":\"C0012345\",\"userId\":\"U001\",\"password\":\"…\"}"),
                                                @ExampleObject(
                                                        name = "certificate logon (mutual TLS only)",
                                                        value = "{\"realm\":\"user\",\"password\":\"…\"}"),
                                                @ExampleObject(
                                                        name = "operator",
                                                        value =
                                                                "{\"realm\":\"operator\",\"operatorId\":\"operator\",\"password\":\"…\"}")
                                            })))
    @ApiResponse(
            responseCode = "200",
            description =
                    "The session's token; `certificate` only in a user's answer, when the user holds a usable certificate.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"accessToken\":\"eyJraWQiOi…\",\"tokenType\":\"Bearer\",\"expiresIn\":900}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "a realm, an ID or the password is missing")
    @ProblemResponse(
            status = 401,
            code = "UNAUTHENTICATED",
            description = "wrong credentials, an unknown ID, or a certificate not proven by a TLS handshake")
    @ProblemResponse(
            status = 423,
            code = "LOCKED",
            description = "the account is locked after too many failed attempts")
    @ProblemResponse(
            status = 503,
            code = "BUSY",
            description = "more password checks at once than the service runs; retry after `Retry-After` seconds")
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

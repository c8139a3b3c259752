package io.inkan.auth.request;

import io.inkan.auth.credential.AccountKey;
import io.inkan.auth.logon.Logon;
import io.inkan.auth.logon.LogonRefused;
import io.inkan.auth.logon.Refusals;
import io.inkan.auth.logon.UserCredentials;
import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
import io.inkan.events.Realm;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/certificate-requests}: the customer's front door to a certificate (docs/contract.md §4). */
@RestController
class CertificateRequestController {
    private static final String BEARER = "Bearer ";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final Logon logon;
    private final Tokens tokens;
    private final CertificateRequests requests;
    private final RequestRepository repository;

    CertificateRequestController(
            Logon logon, Tokens tokens, CertificateRequests requests, RequestRepository repository) {
        this.logon = logon;
        this.tokens = tokens;
        this.requests = requests;
        this.repository = repository;
    }

    record SubmitRequest(String csr, String contractId, String userId, String loginId, String password) {
        @Override
        public String toString() {
            return "SubmitRequest[contractId=" + contractId + ", userId=" + userId + "]";
        }
    }

    @PostMapping("/api/v1/certificate-requests")
    ResponseEntity<Map<String, Object>> submit(
            @RequestBody SubmitRequest body,
            @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(value = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        if (body == null || body.csr() == null || body.csr().isBlank()) {
            throw ApiProblem.invalid("csr is required (PKCS#10, PEM)");
        }
        if (idempotencyKey != null && !validIdempotencyKey(idempotencyKey)) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "INVALID_IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        // Credentials first, also on a retry: a known key answers nobody who cannot log on.
        Session session = authenticate(body, authorization);
        PKCS10CertificationRequest csr = CsrCheck.parse(body.csr());
        if (csr == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_CSR", "csr is not a readable PKCS#10 request in PEM");
        }
        String requestId = requests.submitOnce(session, csr, body.csr(), idempotencyKey);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requestId", requestId);
        // A retry may be answered by a request that has been decided since; say where it stands.
        answer.put(
                "status",
                repository
                        .find(requestId)
                        .map(RequestView::status)
                        .orElse(RequestStatus.PENDING)
                        .name());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/certificate-requests/" + requestId))
                .cacheControl(CacheControl.noStore())
                .body(answer);
    }

    private static boolean validIdempotencyKey(String key) {
        return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    @GetMapping("/api/v1/certificate-requests/{requestId}")
    ResponseEntity<Map<String, Object>> status(@PathVariable String requestId) {
        RequestView view = (requestId.length() > 64
                        ? java.util.Optional.<RequestView>empty()
                        : repository.find(requestId))
                .orElseThrow(ApiProblem::notFound);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requestId", view.requestId());
        answer.put("status", view.status().name());
        if (view.reason() != null) {
            answer.put("reason", view.reason());
        }
        if (view.detail() != null) {
            answer.put("detail", view.detail());
        }
        if (view.certificate() != null) {
            RequestView.IssuedCertificate c = view.certificate();
            Map<String, Object> certificate = new LinkedHashMap<>();
            certificate.put("serialNumber", c.serialNumber());
            certificate.put("subject", c.subject());
            certificate.put("issuer", c.issuer());
            certificate.put(
                    "notBefore", c.notBefore() == null ? null : c.notBefore().toString());
            certificate.put(
                    "notAfter", c.notAfter() == null ? null : c.notAfter().toString());
            certificate.put("sha256Fingerprint", c.sha256Fingerprint());
            certificate.put("pem", c.pem());
            certificate.put("chainPem", c.chainPem());
            answer.put("certificate", certificate);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
    }

    /** A user bearer token (renewal from the menu) or the user's ID and password. */
    private Session authenticate(SubmitRequest body, String authorization) {
        if (authorization != null && !authorization.isBlank()) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw ApiProblem.unauthenticated("Only a Bearer token is accepted.");
            }
            try {
                return tokens.readUserToken(
                        authorization.substring(BEARER.length()).strip());
            } catch (Tokens.InvalidTokenException e) {
                throw ApiProblem.unauthenticated("The token is not a valid user session.");
            }
        }
        UserCredentials credentials =
                new UserCredentials(body.contractId(), body.userId(), body.loginId(), body.password());
        if (!credentials.complete()) {
            throw ApiProblem.invalid(
                    "give contractId and userId, or loginId, with the password; or an Authorization: Bearer token");
        }
        try {
            AccountKey user = logon.authenticateUser(credentials);
            return new Session(Realm.USER, user.contractId(), user.accountId(), null);
        } catch (LogonRefused refused) {
            throw Refusals.toProblem(refused);
        }
    }
}

package io.inkan.auth.request;

import io.inkan.auth.acquisition.AcquisitionCodeCheck;
import io.inkan.auth.acquisition.AcquisitionCodeChecks;
import io.inkan.auth.credential.AccountKey;
import io.inkan.auth.logon.Logon;
import io.inkan.auth.logon.LogonRefused;
import io.inkan.auth.logon.Refusals;
import io.inkan.auth.logon.UserCredentials;
import io.inkan.auth.token.Session;
import io.inkan.auth.token.Tokens;
import io.inkan.auth.web.ApiProblem;
import io.inkan.events.Realm;
import io.inkan.events.Span;
import io.inkan.messaging.http.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** {@code /api/v1/certificate-requests}: the customer's front door to a certificate (docs/contract.md §4). */
@RestController
@Tag(name = "Certificate requests", description = "Ask for a certificate and learn the outcome.")
class CertificateRequestController {
    private static final String BEARER = "Bearer ";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);
    /** The container's own time-out is only a safety net behind the wait's, which answers on time. */
    private static final Duration CONTAINER_GRACE = Duration.ofSeconds(10);

    private final Logon logon;
    private final Tokens tokens;
    private final CertificateRequests requests;
    private final RequestRepository repository;
    private final OutcomeWatch watch;
    private final AcquisitionCodeChecks acquisitionCodes;

    CertificateRequestController(
            Logon logon,
            Tokens tokens,
            CertificateRequests requests,
            RequestRepository repository,
            OutcomeWatch watch,
            AcquisitionCodeChecks acquisitionCodes) {
        this.acquisitionCodes = acquisitionCodes;
        this.logon = logon;
        this.tokens = tokens;
        this.requests = requests;
        this.repository = repository;
        this.watch = watch;
    }

    record SubmitRequest(
            String csr, String contractId, String userId, String loginId, String password, String acquisitionCode) {
        @Override
        public String toString() {
            return "SubmitRequest[contractId=" + contractId + ", userId=" + userId + "]";
        }
    }

    @Operation(
            summary = "Ask for a certificate",
            description = """
                    The body holds a PKCS#10 CSR in PEM (`csr`; its subject is ignored) and proves who asks: \
                    `contractId` + `userId` + `password`, or `loginId` + `password`; or, instead, a user's bearer token \
                    in `Authorization` (a renewal from a certificate session). The credentials are checked here; whether \
                    a certificate may be issued is decided later by issuance-service, and the outcome shows at the \
                    `Location`. Retries are safe: the same `Idempotency-Key` with the same body, or without a key the CSR \
                    of the user's request still PENDING or ISSUED, answers that request.""",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            examples =
                                                    @ExampleObject(
                                                            value =
                                                                    "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\\n…\",\"contractId\":\"C0012345\","
                                                                            + "\"userId\":\"U001\",\"password\":\"…\"}"))))
    @ApiResponse(
            responseCode = "202",
            description = "Taken (or a retry answered by the request it repeats, with its status as it stands now);"
                    + " `Location` points at the request.",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = @ExampleObject(value = "{\"requestId\":\"3ac2f0e4-…\",\"status\":\"PENDING\"}")))
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "no csr, or neither credentials nor a bearer token")
    @ProblemResponse(status = 400, code = "INVALID_CSR", description = "csr is not a readable PKCS#10 request in PEM")
    @ProblemResponse(
            status = 400,
            code = "INVALID_IDEMPOTENCY_KEY",
            description = "Idempotency-Key is not 1 to 255 printable ASCII characters")
    @ProblemResponse(
            status = 401,
            code = "UNAUTHENTICATED",
            description = "wrong credentials, or a token that is not a valid user session (ended by a reissue,"
                    + " revocation, lock-out or password change)")
    @ProblemResponse(
            status = 422,
            code = "IDEMPOTENCY_KEY_REUSED",
            description = "this Idempotency-Key came with another body")
    @ProblemResponse(status = 423, code = "LOCKED", description = "the account is locked")
    @ProblemResponse(
            status = 503,
            code = "BUSY",
            description = "more password checks at once than the service runs; retry after `Retry-After` seconds")
    @PostMapping("/api/v1/certificate-requests")
    ResponseEntity<Map<String, Object>> submit(
            @RequestBody SubmitRequest body,
            @Parameter(description = "`Bearer <token>` of a user session, in place of credentials in the body")
                    @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @Parameter(
                            description = "1 to 255 printable ASCII characters; a retry with the same key and body"
                                    + " answers the first request (remembered 24 hours)")
                    @RequestHeader(value = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey) {
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
        String authorizationId = acquisitionCode(session, body.acquisitionCode());
        String requestId = requests.submitOnce(session, csr, body.csr(), idempotencyKey, authorizationId);
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

    /**
     * The authorization whose one-time acquisition code the request carries, or null when none waits for a code. A
     * renewal from a certificate session needs no authorization, and so no code.
     */
    private String acquisitionCode(Session session, String typed) {
        if (session.withCertificate()) {
            return null;
        }
        return switch (acquisitionCodes.check(session.contractId(), session.subject(), typed)) {
            case AcquisitionCodeCheck.NotNeeded notNeeded -> null;
            case AcquisitionCodeCheck.Accepted accepted -> accepted.authorizationId();
            case AcquisitionCodeCheck.Refused refused -> throw ApiProblem.acquisitionCodeInvalid(detail(refused));
        };
    }

    static String detail(AcquisitionCodeCheck.Refused refused) {
        if (refused.missing()) {
            return "The administrator's authorization waits for its one-time acquisition code: give it as"
                    + " acquisitionCode.";
        }
        if (refused.voided()) {
            return "The acquisition code is wrong, too often: the authorization is void; the administrator must"
                    + " authorize again.";
        }
        return "The acquisition code is not the one the administrator was given; five wrong codes void the"
                + " authorization.";
    }

    private static boolean validIdempotencyKey(String key) {
        return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** Described with its {@code ?wait=} twin below, as the one route it is. */
    @Operation(hidden = true)
    @GetMapping(path = "/api/v1/certificate-requests/{requestId}", params = "!wait")
    ResponseEntity<Map<String, Object>> status(@PathVariable String requestId) {
        return document(find(requestId));
    }

    /**
     * The same document, once the request has left PENDING or the wait is over, whichever comes first. The servlet
     * thread is released meanwhile; the recording of the outcome wakes the GET ({@link OutcomeWatch}).
     */
    @Operation(
            summary = "The outcome of a certificate request",
            description = """
                    The request ID is an unguessable capability: whoever holds it may read the outcome, so treat it \
                    like a secret. With `?wait=PT10S` (an ISO-8601 duration, at most `PT30S`) the call answers as soon \
                    as the request leaves PENDING, or when the wait is over, with the same document; an instance \
                    already holding `inkan.auth.request-wait.max-waiters` waiting calls answers at once.""",
            // the handler without ?wait= is hidden: here the parameter is optional, as it is on the route
            parameters =
                    @Parameter(
                            name = "wait",
                            in = ParameterIn.QUERY,
                            required = false,
                            description = "wait up to this ISO-8601 duration (at most PT30S) for the request to leave"
                                    + " PENDING",
                            example = "PT10S"))
    @ApiResponse(
            responseCode = "200",
            description = """
                    The request as it stands: `status` PENDING, ISSUED or REJECTED; `reason` with REJECTED (a rejection \
                    reason of docs/contract.md §5); `certificate` with ISSUED.""",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples = {
                                @ExampleObject(
                                        name = "pending",
                                        value = "{\"requestId\":\"3ac2f0e4-…\",\"status\":\"PENDING\"}"),
                                @ExampleObject(
                                        name = "issued",
                                        value = "{\"requestId\":\"3ac2f0e4-…\",\"status\":\"ISSUED\",\"certificate\":"
                                                + "{\"serialNumber\":\"5f3a…\",\"subject\":\"CN=C0012345U001,…\",\"issuer\":\"CN=…\","
                                                + "\"notBefore\":\"2027-04-01T03:00:00Z\",\"notAfter\":\"2028-04-01T03:00:00Z\","
                                                + "\"sha256Fingerprint\":\"…\",\"pem\":\"-----BEGIN CERTIFICATE-----…\","
                                                + "\"chainPem\":\"-----BEGIN CERTIFICATE-----…\"}}"),
                                @ExampleObject(
                                        name = "rejected",
                                        value =
                                                "{\"requestId\":\"3ac2f0e4-…\",\"status\":\"REJECTED\",\"reason\":\"NOT_AUTHORIZED\"}")
                            }))
    @ProblemResponse(
            status = 404,
            code = "NOT_FOUND",
            description = "no request under this ID (the same answer whether or not it ever existed)")
    @ProblemResponse(
            status = 400,
            code = "VALIDATION_FAILED",
            description = "wait is not an ISO-8601 duration of at most PT30S")
    @GetMapping(path = "/api/v1/certificate-requests/{requestId}", params = "wait")
    DeferredResult<ResponseEntity<Map<String, Object>>> statusOnceDecided(
            @PathVariable String requestId, @Parameter(hidden = true) @RequestParam String wait) {
        Duration longest = waitOf(wait);
        DeferredResult<ResponseEntity<Map<String, Object>>> answer =
                new DeferredResult<>(longest.plus(CONTAINER_GRACE).toMillis());
        // registered before the read: an outcome recorded in between wakes it, none is missed
        Optional<CompletableFuture<Void>> waiter = watch.register(requestId);
        RequestView view;
        try {
            view = find(requestId);
        } catch (RuntimeException e) {
            waiter.ifPresent(w -> w.cancel(false));
            throw e;
        }
        if (waiter.isEmpty() || view.status() != RequestStatus.PENDING || longest.isZero()) {
            // decided already, or too many wait: answer at once
            waiter.ifPresent(w -> w.cancel(false));
            answer.setResult(document(view));
            return answer;
        }
        CompletableFuture<Void> woken = waiter.get();
        answer.onTimeout(() -> answer.setResult(document(find(requestId))));
        // answered, timed out or the client went away: the waiter leaves
        answer.onCompletion(() -> woken.cancel(false));
        woken.completeOnTimeout(null, longest.toMillis(), TimeUnit.MILLISECONDS)
                .thenRunAsync(() -> answer.setResult(document(find(requestId))), watch.readers())
                .exceptionally(failure -> {
                    if (!woken.isCancelled()) {
                        answer.setErrorResult(
                                failure instanceof java.util.concurrent.CompletionException
                                        ? failure.getCause()
                                        : failure);
                    }
                    return null;
                });
        return answer;
    }

    private static Duration waitOf(String text) {
        Duration wait;
        try {
            wait = Duration.between(Instant.EPOCH, Span.valueOf(text).addTo(Instant.EPOCH));
        } catch (RuntimeException e) {
            wait = null;
        }
        if (wait == null || wait.compareTo(LONGEST_WAIT) > 0) {
            throw ApiProblem.invalid("wait must be an ISO-8601 duration of at most PT30S, such as PT10S");
        }
        return wait;
    }

    private RequestView find(String requestId) {
        return (requestId.length() > 64 ? Optional.<RequestView>empty() : repository.find(requestId))
                .orElseThrow(ApiProblem::notFound);
    }

    private static ResponseEntity<Map<String, Object>> document(RequestView view) {
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

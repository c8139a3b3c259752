package io.inkan.system.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;

/**
 * The bank's people and front end, speaking docs/contract.md §4 to a running Inkan's {@link Endpoints}: the
 * operator registers contracts, administrators manage their users, the front end forwards users'
 * credentials and CSRs. Steps that depend on an event reaching another service wait with a deadline.
 */
public final class Bank {
    /**
     * How long an event may take to travel and be applied. Generous: a scenario class runs a dozen scenarios at once,
     * and their first contracts, users and certificates all travel in the same minute on two cores.
     */
    public static final Duration PATIENCE = Duration.ofSeconds(90);

    public static final String OPERATOR_ID = "operator";
    public static final String OPERATOR_PASSWORD = "operator-pass";
    /** The bank's second operator (a bank configures two), whom only the scenario that changes a password uses. */
    public static final String SECOND_OPERATOR_ID = "operator-2";

    public static final String SECOND_OPERATOR_PASSWORD = "operator-2-pass";

    private final Endpoints system;

    public Bank(Endpoints system) {
        this.system = system;
    }

    public Endpoints system() {
        return system;
    }

    // ---- sessions -------------------------------------------------------------------------------

    public Http.Response logon(Map<String, Object> body) {
        return Http.postJson(system.authUrl() + "/api/v1/tokens", body, null);
    }

    public String operatorToken() {
        Http.Response response = unlessBusy(
                () -> logon(Map.of("realm", "operator", "operatorId", OPERATOR_ID, "password", OPERATOR_PASSWORD)));
        assertThat(response.status()).as("operator logon: %s", response).isEqualTo(200);
        return response.json().path("accessToken").asString();
    }

    /** Waits until auth-service knows the administrator (AdministratorRegistered travelled). */
    public String adminToken(String contractId, String adminId, String password) {
        return awaitToken(Map.of("realm", "admin", "contractId", contractId, "adminId", adminId, "password", password));
    }

    /**
     * Sends again while auth-service answers 503 {@code BUSY} (more password checks at once than it runs), as a
     * front end does after {@code Retry-After}; such an answer checked nothing and counts toward no lock-out.
     */
    public static Http.Response unlessBusy(java.util.function.Supplier<Http.Response> call) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            last.set(call.get());
            return last.get().status() != 503;
        });
        return last.get();
    }

    public Http.Response userLogon(String contractId, String userId, String password) {
        return logon(Map.of("realm", "user", "contractId", contractId, "userId", userId, "password", password));
    }

    /**
     * Certificate logon as the customer's PC does it: mutual TLS on auth-service's TLS port with the
     * certificate and its private key; the body names nobody (docs/contract.md §4).
     */
    public Http.Response certificateLogon(PrivateKey key, String certificatePem, String password) {
        return MutualTls.postJson(
                system.authTlsUrl() + "/api/v1/tokens",
                Map.of("realm", "user", "password", password),
                key,
                certificatePem,
                system.authTlsCertificate());
    }

    /** Waits until auth-service knows the certificate (CertificateIssued travelled), then logs on with it. */
    public String awaitCertificateToken(PrivateKey key, String certificatePem, String password) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            last.set(certificateLogon(key, certificatePem, password));
            return last.get().status() == 200;
        });
        return last.get().json().path("accessToken").asString();
    }

    public String awaitToken(Map<String, Object> body) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            last.set(logon(body));
            return last.get().status() == 200;
        });
        return last.get().json().path("accessToken").asString();
    }

    // ---- operator and administrators --------------------------------------------------------------

    public void registerContract(String operatorToken, String contractId, String adminId, String adminPassword) {
        Http.Response response = Http.postJson(
                system.adminUrl() + "/api/v1/contracts",
                Map.of(
                        "contractId",
                        contractId,
                        "name",
                        "株式会社" + contractId,
                        "administrator",
                        Map.of(
                                "adminId",
                                adminId,
                                "name",
                                "管理者 " + adminId,
                                "email",
                                adminId.toLowerCase() + "@" + contractId.toLowerCase() + ".example.jp",
                                "initialPassword",
                                adminPassword)),
                operatorToken);
        assertThat(response.status()).as("register contract: %s", response).isEqualTo(201);
    }

    public void registerUser(String adminToken, String contractId, String userId, String loginId, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("name", "利用者 " + userId);
        body.put("email", email(contractId, userId));
        if (loginId != null) {
            body.put("loginId", loginId);
        }
        body.put("initialPassword", password);
        Http.Response response = Http.postJson(users(contractId), body, adminToken);
        assertThat(response.status()).as("register user: %s", response).isEqualTo(201);
    }

    public static String email(String contractId, String userId) {
        return userId.toLowerCase() + "@" + contractId.toLowerCase() + ".example.jp";
    }

    public Http.Response authorizeIssuance(String adminToken, String contractId, String userId) {
        return Http.postJson(users(contractId) + "/" + userId + "/issuance-authorizations", Map.of(), adminToken);
    }

    public Http.Response reissue(String adminToken, String contractId, String userId, String reason) {
        return Http.postJson(users(contractId) + "/" + userId + "/reissue", Map.of("reason", reason), adminToken);
    }

    /** 失効: every usable certificate of the user revoked for {@code reason}; no new issuance authorized. */
    public Http.Response revokeCertificates(String token, String contractId, String userId, String reason) {
        return Http.postJson(users(contractId) + "/" + userId + "/revocation", Map.of("reason", reason), token);
    }

    /** The user leaves the contract. */
    public Http.Response removeUser(String adminToken, String contractId, String userId) {
        return Http.delete(users(contractId) + "/" + userId, adminToken);
    }

    public Http.Response unlockUser(String adminToken, String contractId, String userId) {
        return Http.postJson(users(contractId) + "/" + userId + "/unlock", Map.of(), adminToken);
    }

    public Http.Response listUsers(String token, String contractId) {
        return Http.get(users(contractId), token);
    }

    public String users(String contractId) {
        return system.adminUrl() + "/api/v1/contracts/" + contractId + "/users";
    }

    // ---- the front end: certificate requests --------------------------------------------------------

    public Http.Response requestWithIdAndPassword(String contractId, String userId, String password, String csrPem) {
        return Http.postJson(
                system.authUrl() + "/api/v1/certificate-requests",
                Map.of("contractId", contractId, "userId", userId, "password", password, "csr", csrPem),
                null);
    }

    /**
     * The same request as a front end that may send it again when it got no answer: every attempt carries the
     * same {@code Idempotency-Key} (docs/contract.md §4, safe retries).
     */
    public Http.Response requestWithIdAndPassword(
            String contractId, String userId, String password, String csrPem, String idempotencyKey) {
        return Http.postJson(
                system.authUrl() + "/api/v1/certificate-requests",
                Map.of("contractId", contractId, "userId", userId, "password", password, "csr", csrPem),
                null,
                Map.of("Idempotency-Key", idempotencyKey));
    }

    public Http.Response requestWithLoginId(String loginId, String password, String csrPem) {
        return Http.postJson(
                system.authUrl() + "/api/v1/certificate-requests",
                Map.of("loginId", loginId, "password", password, "csr", csrPem),
                null);
    }

    public Http.Response requestFromSession(String userToken, String csrPem) {
        return Http.postJson(system.authUrl() + "/api/v1/certificate-requests", Map.of("csr", csrPem), userToken);
    }

    /** Submits until auth-service knows the user, then follows the request through PENDING. */
    public JsonNode obtain(java.util.function.Supplier<Http.Response> submit) {
        AtomicReference<Http.Response> accepted = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            accepted.set(submit.get());
            return accepted.get().status() == 202;
        });
        JsonNode body = accepted.get().json();
        assertThat(body.path("status").asString()).isEqualTo("PENDING");
        assertThat(accepted.get().header("Location"))
                .endsWith(body.path("requestId").asString());
        return outcome(body.path("requestId").asString());
    }

    /** Polls the request's status, as the front end's "processing" screen does, until it is decided. */
    public JsonNode outcome(String requestId) {
        AtomicReference<JsonNode> status = new AtomicReference<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
            Http.Response response = Http.get(system.authUrl() + "/api/v1/certificate-requests/" + requestId, null);
            status.set(response.json());
            return response.status() == 200
                    && !"PENDING".equals(status.get().path("status").asString());
        });
        return status.get();
    }

    public JsonNode issued(java.util.function.Supplier<Http.Response> submit) {
        JsonNode outcome = obtain(submit);
        assertThat(outcome.path("status").asString()).as("outcome %s", outcome).isEqualTo("ISSUED");
        return outcome.path("certificate");
    }

    // ---- issuance-service: a certificate as the bank's operator reads it --------------------------------

    /** The operator's token for certificate reads, opened once and again when it has expired. */
    private volatile String certificateReader;

    /** {@code GET /api/v1/certificates/{serial}} names the customer, so it takes an operator's token. */
    public JsonNode certificateStatus(String serialNumber) {
        String url = system.issuanceUrl() + "/api/v1/certificates/" + serialNumber;
        if (certificateReader == null) {
            certificateReader = operatorToken();
        }
        Http.Response response = Http.get(url, certificateReader);
        if (response.status() == 401) {
            certificateReader = operatorToken();
            response = Http.get(url, certificateReader);
        }
        assertThat(response.status())
                .as("certificate %s: %s", serialNumber, response)
                .isEqualTo(200);
        return response.json();
    }

    public String awaitCertificateStatus(String serialNumber, String expected) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> expected.equals(
                        certificateStatus(serialNumber).path("status").asString()));
        return expected;
    }
}

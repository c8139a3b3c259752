package io.inkan.web.inkan;

import io.inkan.web.WebProperties;
import io.inkan.web.tls.Pem;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Inkan's public HTTP APIs, as this front end uses them (docs/contract.md §4). Every refusal becomes an
 * {@link InkanRefusal} carrying the problem's {@code code}; bodies are read as plain maps so that a field Inkan adds
 * later never breaks a screen.
 */
@Component
public class Inkan {
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {};

    private final RestClient auth;
    private final RestClient admin;
    /** auth-service's mutual-TLS port, reached with this front end's own client certificate; null when not set up. */
    private final RestClient authTls;

    Inkan(WebProperties properties) {
        // the outcome call waits up to outcomeWait on the server: read a little longer than that
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory();
        factory.setReadTimeout(properties.outcomeWait().plus(Duration.ofSeconds(20)));
        RestClient.Builder base = RestClient.builder()
                .requestFactory(factory)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new InkanRefusal(response.getStatusCode().value(), Problems.code(response.getBody()));
                });
        this.auth = base.clone().baseUrl(properties.authUrl().toString()).build();
        this.admin = base.clone().baseUrl(properties.adminUrl().toString()).build();
        this.authTls = properties.clientKeystore() == null
                ? null
                : base.clone()
                        .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                                .sslContext(frontEndTls(properties))
                                .version(HttpClient.Version.HTTP_1_1)
                                .connectTimeout(Duration.ofSeconds(5))
                                .build()))
                        .baseUrl(properties.authTlsUrl().toString())
                        .build();
    }

    /**
     * Certificate logon through the trusted-front-end path (docs/contract.md §4): this front end's own certificate in
     * the TLS handshake with auth-service, the customer's certificate (checked in the customer's handshake with this
     * front end) in RFC 9440's {@code Client-Cert}, and the customer's password in the body.
     */
    public Map<String, Object> certificateLogon(X509Certificate customer, String password) {
        if (authTls == null) {
            throw new InkanRefusal(503, InkanRefusal.UNREACHABLE);
        }
        String clientCert;
        try {
            clientCert = ":" + Base64.getEncoder().encodeToString(customer.getEncoded()) + ":";
        } catch (CertificateEncodingException e) {
            throw new InkanRefusal(401, "UNAUTHENTICATED");
        }
        return call(() -> authTls.post()
                .uri("/api/v1/tokens")
                .header("Client-Cert", clientCert)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("realm", "user", "password", password))
                .retrieve()
                .body(MAP));
    }

    private static SSLContext frontEndTls(WebProperties properties) {
        try {
            KeyStore own = Pem.pkcs12(
                    properties.clientKeystore(), properties.clientKeystorePassword(), "inkan.web.client-keystore");
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, properties.clientKeystorePassword().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(
                    properties.authTlsTrust() == null
                            ? null // the JVM's trusted CAs
                            : Pem.trustStore(Pem.certificates(properties.authTlsTrust())));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot set up the TLS client of auth-service's mutual-TLS port: " + e.getMessage(), e);
        }
    }

    /** Opens a session ({@code POST /api/v1/tokens}); answers the whole body (accessToken, certificate block). */
    public Map<String, Object> logon(Map<String, String> credentials) {
        return call(() -> auth.post()
                .uri("/api/v1/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .body(credentials)
                .retrieve()
                .body(MAP));
    }

    /**
     * Asks for a certificate with the session's token. The idempotency key makes a repeated click (or a retry after a
     * lost answer) land on the same request.
     */
    public String submit(String token, String csrPem, UUID idempotencyKey) {
        Map<String, Object> answer = call(() -> auth.post()
                .uri("/api/v1/certificate-requests")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("Idempotency-Key", idempotencyKey.toString())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("csr", csrPem))
                .retrieve()
                .body(MAP));
        return String.valueOf(answer.get("requestId"));
    }

    /** The request's outcome, waiting up to {@code wait} while it is PENDING. */
    public Map<String, Object> outcome(String requestId, Duration wait) {
        return call(() -> auth.get()
                .uri("/api/v1/certificate-requests/{id}?wait={wait}", requestId, wait.toString())
                .retrieve()
                .body(MAP));
    }

    public List<Map<String, Object>> users(String token, String contractId) {
        return call(() -> admin.get()
                .uri("/api/v1/contracts/{cid}/users", contractId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve()
                .body(LIST));
    }

    public Map<String, Object> audit(String token, String contractId) {
        return call(() -> admin.get()
                .uri("/api/v1/contracts/{cid}/audit?size=100", contractId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve()
                .body(MAP));
    }

    /**
     * One of the administrator's actions on a user: {@code issuance-authorizations}, {@code reissue}, {@code
     * revocation} or {@code unlock}, with its body (a reason) or none.
     */
    public void act(String token, String contractId, String userId, String action, Map<String, String> body) {
        call(() -> {
            var request = admin.post()
                    .uri("/api/v1/contracts/{cid}/users/{uid}/{action}", contractId, userId, action)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.retrieve().toBodilessEntity();
        });
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw new InkanRefusal(503, InkanRefusal.UNREACHABLE);
        }
    }
}

package io.inkan.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The slice of docs/contract.md §4 the load driver speaks, over plain HTTP: the operator's session, a contract with
 * its administrator, users with initial passwords (admin-service seals them on their way to auth-service), and the
 * customer's certificate request with login ID and password.
 */
final class InkanApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String authUrl;
    private final String adminUrl;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    InkanApi(String authUrl, String adminUrl) {
        this.authUrl = authUrl;
        this.adminUrl = adminUrl;
    }

    record Response(int status, JsonNode body, long nanos) {
        String text(String field) {
            return body == null ? null : body.path(field).asString(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** Whether both services answer their health route; the driver stops early with a non-zero exit if not. */
    boolean reachable() {
        return up(authUrl) && up(adminUrl);
    }

    private boolean up(String base) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String operatorToken(String operatorId, String password) {
        Response response = post(
                authUrl + "/api/v1/tokens",
                Map.of("realm", "operator", "operatorId", operatorId, "password", password),
                null);
        require(response, 200, "operator logon");
        return response.text("accessToken");
    }

    /** The administrator's token, once AdministratorRegistered has reached auth-service. */
    String adminToken(String contractId, String adminId, String password, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        Response response;
        do {
            response = post(
                    authUrl + "/api/v1/tokens",
                    Map.of("realm", "admin", "contractId", contractId, "adminId", adminId, "password", password),
                    null);
            if (response.status() == 200) {
                return response.text("accessToken");
            }
            pause(Duration.ofMillis(200));
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the administrator could not log on: " + response);
    }

    void registerContract(String operatorToken, String contractId, String adminId, String adminPassword) {
        Map<String, Object> administrator = new LinkedHashMap<>();
        administrator.put("adminId", adminId);
        administrator.put("name", "Load driver " + adminId);
        administrator.put("email", adminId.toLowerCase() + "@" + contractId.toLowerCase() + ".example.jp");
        administrator.put("initialPassword", adminPassword);
        Response response = post(
                adminUrl + "/api/v1/contracts",
                Map.of("contractId", contractId, "name", "Load driver " + contractId, "administrator", administrator),
                operatorToken);
        require(response, 201, "register contract " + contractId);
    }

    void registerUser(String adminToken, String contractId, String userId, String loginId, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("name", "Load driver " + userId);
        body.put("email", userId.toLowerCase() + "@" + contractId.toLowerCase() + ".example.jp");
        body.put("loginId", loginId);
        body.put("initialPassword", password);
        Response response = post(adminUrl + "/api/v1/contracts/" + contractId + "/users", body, adminToken);
        require(response, 201, "register user " + userId);
    }

    /** {@code POST /api/v1/certificate-requests} with login ID and password. */
    Response requestCertificate(String loginId, String password, String csrPem) {
        return post(
                authUrl + "/api/v1/certificate-requests",
                Map.of("loginId", loginId, "password", password, "csr", csrPem),
                null);
    }

    /** {@code GET /api/v1/certificate-requests/{id}}, with {@code ?wait=} when {@code wait} is not null. */
    Response requestStatus(String requestId, Duration wait) {
        String url = authUrl + "/api/v1/certificate-requests/" + requestId + (wait == null ? "" : "?wait=" + wait);
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build());
    }

    private Response post(String url, Map<String, ?> body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            String text = response.body();
            JsonNode body = text == null || text.isBlank() ? null : JSON.readTree(text);
            return new Response(response.statusCode(), body, nanos);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void require(Response response, int status, String what) {
        if (response.status() != status) {
            throw new IllegalStateException(what + ": " + response);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

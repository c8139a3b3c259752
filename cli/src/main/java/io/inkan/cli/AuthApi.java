package io.inkan.cli;

import io.inkan.frontend.Credentials;
import io.inkan.frontend.Outcome;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** auth-service's certificate-request API (docs/contract.md §4). */
final class AuthApi {
    /** A request as {@code GET /api/v1/certificate-requests/{id}} shows it; {@code issued} only when ISSUED. */
    record RequestStatus(String requestId, String status, String reason, Outcome.Issued issued) {}

    private final String baseUrl;
    private final Http http = new Http("auth-service");

    AuthApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code POST /api/v1/certificate-requests}; returns the request ID. */
    String submit(Credentials credentials, String csrPem) {
        byte[] body = body(credentials, csrPem);
        HttpResponse<String> response;
        try {
            HttpRequest request = Http.request(Http.uri(baseUrl, "/api/v1/certificate-requests"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            // the publisher reads the array while sending, so it is cleared only afterwards
            Arrays.fill(body, (byte) 0);
        }
        JsonNode json = Http.json(response.body());
        if (response.statusCode() == 202 || response.statusCode() == 201 || response.statusCode() == 200) {
            String requestId = Http.text(json, "requestId");
            if (requestId == null) {
                throw new CliFailure(ExitCode.FAILED, "auth-service accepted the request but named no requestId");
            }
            return requestId;
        }
        throw refusal(response.statusCode(), json);
    }

    /** {@code GET /api/v1/certificate-requests/{requestId}}. */
    RequestStatus status(String requestId) {
        URI uri = Http.uri(baseUrl, "/api/v1/certificate-requests/" + requestId);
        HttpResponse<String> response = http.send(
                Http.request(uri).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = Http.json(response.body());
        if (response.statusCode() == 404) {
            throw CliFailure.refused("auth-service knows no request " + requestId);
        }
        if (response.statusCode() != 200) {
            throw refusal(response.statusCode(), json);
        }
        String status = Http.text(json, "status");
        JsonNode certificate = json.get("certificate");
        Outcome.Issued issued = certificate == null || certificate.isNull()
                ? null
                : new Outcome.Issued(
                        requestId,
                        null,
                        null,
                        null,
                        Http.text(certificate, "serialNumber"),
                        Http.text(certificate, "subject"),
                        Http.text(certificate, "issuer"),
                        instant(Http.text(certificate, "notBefore")),
                        instant(Http.text(certificate, "notAfter")),
                        Http.text(certificate, "sha256Fingerprint"),
                        Http.text(certificate, "pem"),
                        Http.text(certificate, "chainPem"),
                        null);
        return new RequestStatus(requestId, status == null ? "UNKNOWN" : status, Http.text(json, "reason"), issued);
    }

    /**
     * {@code POST /api/v1/tokens}: logs an operator or an administrator on and returns the bearer token. The
     * password array is cleared here; the token is never printed.
     */
    String logOn(Logon logon, char[] password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = Http.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("realm", logon.realm());
            if (logon.contractId() != null) {
                json.writeStringProperty("contractId", logon.contractId());
            }
            json.writeStringProperty(logon.realm().equals("operator") ? "operatorId" : "adminId", logon.id());
            json.writeName("password");
            json.writeString(password, 0, password.length);
            json.writeEndObject();
        } finally {
            Arrays.fill(password, '\0');
        }
        byte[] body = out.toByteArray();
        HttpResponse<String> response;
        try {
            response = http.send(
                    Http.request(Http.uri(baseUrl, "/api/v1/tokens"))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json, application/problem+json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            Arrays.fill(body, (byte) 0);
        }
        JsonNode json = Http.json(response.body());
        if (response.statusCode() == 200 || response.statusCode() == 201) {
            String token = Http.text(json, "accessToken");
            if (token == null) {
                throw new CliFailure(ExitCode.FAILED, "auth-service opened a session but sent no accessToken");
            }
            return token;
        }
        throw refusal(response.statusCode(), json);
    }

    /** Who logs on: an operator ({@code contractId} null) or a contract's administrator. */
    record Logon(String realm, String contractId, String id) {}

    private static CliFailure refusal(int status, JsonNode problem) {
        String code = Http.text(problem, "code");
        if (code == null) {
            code = switch (status) {
                case 401 -> "UNAUTHENTICATED";
                case 423 -> "LOCKED";
                default -> null;
            };
        }
        if (code != null && Refusals.explains(code)) {
            return CliFailure.refused(Refusals.describe(code));
        }
        String detail = Http.text(problem, "detail");
        String message = "auth-service answered " + status + (code != null ? " " + code : "")
                + (detail != null ? ": " + detail : "");
        return status >= 500 ? new CliFailure(ExitCode.FAILED, message) : CliFailure.refused(message);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static byte[] body(Credentials credentials, String csrPem) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        char[] password = credentials.password();
        try (JsonGenerator json = Http.JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("csr", csrPem);
            if (credentials.loginId() != null) {
                json.writeStringProperty("loginId", credentials.loginId());
            } else {
                json.writeStringProperty("contractId", credentials.contractId());
                json.writeStringProperty("userId", credentials.userId());
            }
            json.writeName("password");
            json.writeString(password, 0, password.length);
            if (credentials.acquisitionCode() != null) {
                json.writeStringProperty("acquisitionCode", credentials.acquisitionCode());
            }
            json.writeEndObject();
        } finally {
            Arrays.fill(password, '\0');
        }
        return out.toByteArray();
    }
}

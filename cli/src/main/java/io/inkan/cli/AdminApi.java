package io.inkan.cli;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** admin-service's API (docs/contract.md §4), called with a bearer token; refusals become exit code 3. */
final class AdminApi {
    private final String baseUrl;
    private final String token;
    private final Http http = new Http("admin-service");

    AdminApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A path segment from a user-given ID: nothing in it can reach another route. */
    static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode get(String pathAndQuery) {
        return answer(send(request(pathAndQuery).GET()));
    }

    JsonNode post(String path, String jsonBody) {
        return answer(send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody))));
    }

    /** The status and body as they come, for callers that give some statuses their own meaning. */
    HttpResponse<String> send(HttpRequest.Builder request) {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return Http.request(Http.uri(baseUrl, pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json");
    }

    static JsonNode answer(HttpResponse<String> response) {
        JsonNode json = Http.json(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return json;
        }
        String code = Http.text(json, "code");
        String detail = Http.text(json, "detail");
        String message = "admin-service answered " + status + (code != null ? " " + code : "")
                + (detail != null ? ": " + detail : "");
        if (status == 401) {
            message += " (the token was not accepted)";
        } else if (status == 403) {
            message += " (not allowed for this operator or administrator)";
        }
        throw status >= 400 && status < 500 ? CliFailure.refused(message) : new CliFailure(ExitCode.FAILED, message);
    }
}

package io.inkan.messaging.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one shape of every Inkan error (docs/contract.md §4, RFC 9457), built here for all four services: an
 * {@code application/problem+json} document with
 *
 * <ul>
 *   <li>{@code type}: {@code urn:inkan:problem:} and the code in kebab case ({@code urn:inkan:problem:not-found});
 *   <li>{@code title}: the status's reason phrase;
 *   <li>{@code status};
 *   <li>{@code detail}: for people, never an exception's message or a hint that an ID exists;
 *   <li>{@code instance}: the path of the request that failed;
 *   <li>{@code code}: the stable name clients decide by ({@code NOT_FOUND}, {@code VALIDATION_FAILED}, ...).
 * </ul>
 *
 * <p>Errors that reach Spring MVC are answered by the shared advice; filters and security entry points that answer
 * before MVC does call {@link #write}, so their bodies are the same document.
 */
public final class Problems {
    static final String TYPE_PREFIX = "urn:inkan:problem:";
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code");
    private static final JsonMapper JSON = JsonMapper.shared();

    private Problems() {}

    /** The problem document for a failure of {@code request}. */
    public static ProblemDetail of(HttpServletRequest request, HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(titleOf(status));
        problem.setDetail(detail);
        problem.setInstance(instanceOf(request));
        problem.setProperty("code", code);
        return problem;
    }

    /** The answer MVC gives for a failure of {@code request}. */
    public static ResponseEntity<ProblemDetail> answer(
            HttpServletRequest request, HttpStatusCode status, String code, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(of(request, status, code, detail));
    }

    /** Writes the problem document straight to {@code response}, for code that answers before MVC does. */
    public static void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(members(of(request, status, code, detail))));
    }

    /** One item of a problem's {@code errors}: a request field at fault and why. */
    public static Map<String, String> fieldError(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message == null ? "is invalid" : message);
        return error;
    }

    /** The code of a failure that has no more specific one: the framework's and the servlet container's. */
    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 500 -> "INTERNAL_ERROR";
            default -> {
                HttpStatus known = HttpStatus.resolve(status.value());
                yield known == null ? (status.is5xxServerError() ? "INTERNAL_ERROR" : "ERROR") : known.name();
            }
        };
    }

    /**
     * A detail written here, not taken from an exception: the framework's messages can quote the request or name
     * the code inside.
     */
    static String detailFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "The request is not valid for this API.";
            case 401 -> "Authentication is required.";
            case 403 -> "This call is not allowed.";
            case 404 -> "Nothing is served at this path.";
            case 405 -> "This method is not allowed at this path.";
            case 406 -> "None of the accepted media types can be produced.";
            case 413 -> "The request body is too large.";
            case 415 -> "This content type is not accepted here.";
            default -> "The request could not be served.";
        };
    }

    /** Adds the members a {@link ProblemException} carries beyond the six, never replacing one of those. */
    static ProblemDetail withExtensions(ProblemDetail problem, Map<String, Object> extensions) {
        extensions.forEach((name, value) -> {
            if (!MEMBERS.contains(name)) {
                problem.setProperty(name, value);
            }
        });
        return problem;
    }

    private static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /** The members in the order MVC writes them. */
    private static Map<String, Object> members(ProblemDetail problem) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        members.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) {
            members.putAll(problem.getProperties());
        }
        return members;
    }

    /**
     * The path the caller asked for (on an error dispatch, the original one, not {@code /error}), as a relative
     * reference that cannot point elsewhere: characters a URI may not hold are percent-encoded, and a path that
     * starts with {@code //} (which would read as another host) keeps one slash.
     */
    static URI instanceOf(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String s ? s : request.getRequestURI();
        if (path == null || path.isEmpty()) {
            return URI.create("/");
        }
        StringBuilder safe = new StringBuilder(path.length());
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape =
                    b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1] & 0xff) && isHex(bytes[i + 2] & 0xff);
            if (escape || (b < 0x80 && ALLOWED_IN_PATH.indexOf(b) >= 0)) {
                safe.append((char) b);
            } else {
                safe.append('%').append(HEX.charAt(b >> 4)).append(HEX.charAt(b & 0xf));
            }
        }
        String encoded = safe.toString().replaceFirst("^/{2,}", "/");
        try {
            return URI.create(encoded.startsWith("/") ? encoded : "/" + encoded);
        } catch (IllegalArgumentException cannotHappen) {
            return URI.create("/");
        }
    }

    private static final String HEX = "0123456789ABCDEF";
    private static final String ALLOWED_IN_PATH =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/";

    private static boolean isHex(int b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}

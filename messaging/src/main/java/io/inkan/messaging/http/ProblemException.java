package io.inkan.messaging.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;

/**
 * A refusal that becomes an Inkan problem document ({@link Problems}): thrown anywhere a request is served, it
 * answers with its status, its stable {@code code} and its detail. The detail is shown to the caller, so it never
 * says whether an ID the caller may not see exists, and never quotes a secret.
 *
 * <p>It carries no stack trace: it is an answer, not a failure to investigate.
 */
public class ProblemException extends RuntimeException {
    private final HttpStatusCode status;
    private final String code;
    private final Map<String, Object> extensions;

    public ProblemException(HttpStatusCode status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    /**
     * @param extensions members beyond the six every problem has (for example the fields at fault); a member that
     *     would replace one of the six is ignored
     */
    protected ProblemException(HttpStatusCode status, String code, String detail, Map<String, ?> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public HttpStatusCode status() {
        return status;
    }

    public String code() {
        return code;
    }

    Map<String, Object> extensions() {
        return extensions;
    }
}

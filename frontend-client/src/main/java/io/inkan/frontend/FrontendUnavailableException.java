package io.inkan.frontend;

/**
 * auth-service (for its sealing certificate) or the Kafka brokers could not be reached, or answered
 * in a way the client cannot use. The submission did not happen, or its fate is unknown; retrying
 * later with a new request is safe.
 */
public class FrontendUnavailableException extends RuntimeException {
    public FrontendUnavailableException(String message) {
        super(message);
    }

    public FrontendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

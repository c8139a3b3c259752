package io.inkan.auth.token;

/** A signed token and its lifetime in seconds. */
public record AccessToken(String value, long expiresInSeconds) {
    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresInSeconds + "]"; // never the token itself
    }
}

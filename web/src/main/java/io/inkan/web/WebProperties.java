package io.inkan.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the front end finds Inkan, and how long one call of the 処理中 screen waits for an outcome.
 *
 * @param authUrl auth-service's base URL ({@code inkan.web.auth-url})
 * @param adminUrl admin-service's base URL ({@code inkan.web.admin-url})
 * @param outcomeWait the {@code ?wait=} of one outcome call (at most auth-service's PT30S)
 */
@ConfigurationProperties("inkan.web")
public record WebProperties(URI authUrl, URI adminUrl, Duration outcomeWait) {
    public WebProperties {
        if (authUrl == null || adminUrl == null) {
            throw new IllegalStateException("inkan.web.auth-url and inkan.web.admin-url must be set");
        }
        if (outcomeWait == null) {
            outcomeWait = Duration.ofSeconds(10);
        }
    }
}

package io.inkan.admin.initialpassword;

import io.inkan.admin.AuthServiceProperties;
import io.inkan.admin.web.ApiException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auth-service's sealing certificate, fetched on first use (not at start-up: auth-service may start
 * later), kept for {@code inkan.auth.sealing-certificate-ttl}, and fetched again on the next use if
 * fetching failed. While it cannot be had, registrations answer 503 and nothing is stored.
 */
final class SealingCertificate {
    private static final Logger log = LoggerFactory.getLogger(SealingCertificate.class);

    private record Cached(X509Certificate certificate, Instant fetchedAt) {}

    private final URI location;
    private final Duration ttl;
    private final Clock clock;
    private final HttpClient http;
    private volatile Cached cached;

    SealingCertificate(AuthServiceProperties auth, Clock clock) {
        this.location = auth.resolve("/api/v1/sealing-certificate");
        this.ttl = auth.sealingCertificateTtl();
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    X509Certificate current() {
        Cached now = cached;
        if (now != null && now.fetchedAt().plus(ttl).isAfter(clock.instant())) {
            return now.certificate();
        }
        synchronized (this) {
            if (cached != null && cached != now) {
                return cached.certificate();
            }
            try {
                X509Certificate fetched = fetch();
                cached = new Cached(fetched, clock.instant());
                return fetched;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.warn("Could not fetch auth-service's sealing certificate from {}: {}", location, e.toString());
                throw ApiException.unavailable(
                        "SEALING_UNAVAILABLE",
                        "Initial passwords cannot be sealed right now (auth-service unreachable); try again later.");
            }
        }
    }

    private X509Certificate fetch() throws Exception {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(location)
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
        X509Certificate certificate = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(response.body()));
        if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
            throw new CertificateException("the sealing certificate does not hold an RSA key");
        }
        return certificate;
    }
}

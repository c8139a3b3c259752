package io.inkan.frontend;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Fetches auth-service's sealing certificate once and keeps it. A failed fetch is not kept, so the next
 * submission tries again; a certificate whose validity has ended is fetched anew (auth-service rolled it).
 */
final class SealingCertificateSource {
    private final HttpClient http;
    private final URI uri;
    private final Duration timeout;
    private CompletableFuture<X509Certificate> cached;

    SealingCertificateSource(HttpClient http, URI authUrl, Duration timeout) {
        this.http = http;
        this.uri = authUrl.resolve("/api/v1/sealing-certificate");
        this.timeout = timeout;
    }

    synchronized CompletableFuture<X509Certificate> certificate() {
        if (cached == null || cached.isCompletedExceptionally() || expired(cached)) {
            cached = fetch();
        }
        return cached;
    }

    private static boolean expired(CompletableFuture<X509Certificate> future) {
        X509Certificate certificate = future.getNow(null);
        return certificate != null && certificate.getNotAfter().getTime() < System.currentTimeMillis();
    }

    private CompletableFuture<X509Certificate> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/x-pem-file, text/plain, */*")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        throw new FrontendUnavailableException(
                                "auth-service is not reachable at " + uri + ": " + describe(cause), cause);
                    }
                    if (response.statusCode() != 200) {
                        throw new FrontendUnavailableException(
                                "auth-service answered " + response.statusCode() + " for " + uri);
                    }
                    return parse(response.body());
                });
    }

    private X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new FrontendUnavailableException(
                    "auth-service's sealing certificate at " + uri + " is unreadable", e);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }
}

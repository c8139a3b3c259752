package io.inkan.system.web;

import io.inkan.localstack.LocalFrontEndKeys;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.InkanSystem;
import io.inkan.web.WebApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web module's application on free ports, in front of a running {@link InkanSystem}, set up as the local stack
 * sets it up: its HTTPS port for certificate logon with the local stack's server key, and its own client certificate,
 * which the system lists in {@code inkan.auth.trusted-frontends} ({@link #trustedFrontEnd}).
 */
final class WebFrontEnd implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final int port;
    private final LocalFrontEndKeys keys;

    private WebFrontEnd(InkanSystem system, LocalFrontEndKeys keys, Map<String, String> properties) {
        this.port = EmbeddedInfrastructure.freePort();
        this.keys = keys;
        List<String> args = new ArrayList<>();
        // the properties every service was given (inkan.certificate.renewal-window among them), as the local stack does
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.addAll(List.of(
                "--server.port=" + port,
                "--inkan.web.auth-url=" + system.authUrl(),
                "--inkan.web.admin-url=" + system.adminUrl(),
                "--inkan.web.outcome-wait=PT5S",
                "--inkan.web.tls-port=0",
                "--inkan.web.tls.keystore=" + keys.serverKeystore(),
                "--inkan.web.tls.keystore-password=" + LocalFrontEndKeys.LOCAL_PASSWORD,
                "--inkan.web.client-keystore=" + keys.clientKeystore(),
                "--inkan.web.client-keystore-password=" + LocalFrontEndKeys.LOCAL_PASSWORD,
                "--inkan.web.client-ca=" + system.issuanceUrl() + "/ca/chain.pem",
                "--inkan.web.auth-tls-url=" + system.authTlsUrl(),
                "--inkan.web.auth-tls-trust=file:" + pem(system.authTlsCertificate())));
        this.context = new SpringApplicationBuilder(WebApplication.class).run(args.toArray(String[]::new));
    }

    /** The front end's keys (made in a directory of their own), before the system that must trust them starts. */
    static LocalFrontEndKeys keys() {
        try {
            return LocalFrontEndKeys.loadOrCreate(Files.createTempDirectory("inkan-web-keys"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The system's properties with this front end listed as trusted to vouch for customers' certificates. */
    static Map<String, String> trustedFrontEnd(Map<String, String> properties, LocalFrontEndKeys keys) {
        Map<String, String> all = new java.util.LinkedHashMap<>(properties);
        all.put("inkan.auth.trusted-frontends", keys.clientFingerprint());
        return all;
    }

    static WebFrontEnd start(InkanSystem system, LocalFrontEndKeys keys, Map<String, String> properties) {
        return new WebFrontEnd(system, keys, properties);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The HTTPS port of certificate logon, as bound. */
    String tlsOrigin() {
        return "https://127.0.0.1:" + context.getEnvironment().getProperty("local.inkan.web.tls-port");
    }

    X509Certificate tlsCertificate() {
        return keys.serverCertificate();
    }

    @Override
    public void close() {
        context.close();
    }

    private static Path pem(X509Certificate certificate) {
        try {
            Path file = Files.createTempFile("auth-tls", ".pem");
            Files.writeString(
                    file,
                    "-----BEGIN CERTIFICATE-----\n"
                            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                    .encodeToString(certificate.getEncoded())
                            + "\n-----END CERTIFICATE-----\n",
                    StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.inkan.admin.initialpassword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.inkan.admin.AuthServiceProperties;
import io.inkan.admin.SealedOpener;
import io.inkan.admin.StubAuthService;
import io.inkan.admin.web.ApiException;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class SealingTest {
    private static final KeyPair KEYS = Csrs.rsa(2048);
    private final MutableClock clock = MutableClock.at("2026-04-01T00:00:00Z");
    private final AtomicInteger fetches = new AtomicInteger();
    private volatile boolean up = false;
    private HttpServer server;

    @BeforeEach
    void sealingEndpoint() throws Exception {
        X509Certificate certificate = StubAuthService.selfSigned(KEYS, "CN=sealing");
        byte[] pem = Csrs.pem(certificate).getBytes(StandardCharsets.US_ASCII);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/sealing-certificate", exchange -> {
            fetches.incrementAndGet();
            if (up) {
                exchange.sendResponseHeaders(200, pem.length);
                exchange.getResponseBody().write(pem);
            } else {
                exchange.sendResponseHeaders(503, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private InitialPasswords initialPasswords() {
        var auth = new AuthServiceProperties(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "inkan-auth", Duration.ofHours(1));
        return new InitialPasswords(new PasswordPolicyProperties(4, 128), auth, clock);
    }

    @Test
    void aSealedPasswordOpensOnlyWithTheSealingKey() throws Exception {
        up = true;
        String sealed = initialPasswords().seal("秘密-1234");
        assertThat(sealed).doesNotContain("1234");
        assertThat(SealedOpener.open(sealed, KEYS.getPrivate())).isEqualTo("秘密-1234"); // AES-256-GCM
        assertThat(SealedOpener.keyTransportAlgorithm(sealed)).isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP.getId());
        assertThatThrownBy(() -> SealedOpener.open(sealed, Csrs.rsa(2048).getPrivate()))
                .isInstanceOf(Exception.class);
    }

    @Test
    void whileAuthIsDownSealingAnswers503AndIsRetriedOnTheNextUse() {
        InitialPasswords passwords = initialPasswords();
        assertThatThrownBy(() -> passwords.seal("1234"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        up = true;
        assertThat(passwords.seal("1234")).isNotBlank();
    }

    @Test
    void theCertificateIsFetchedOnFirstUseAndCachedForItsLifetime() {
        up = true;
        InitialPasswords passwords = initialPasswords();
        assertThat(fetches).hasValue(0);
        passwords.seal("1234");
        passwords.seal("5678");
        assertThat(fetches).hasValue(1);
        clock.advance(Duration.ofHours(2));
        passwords.seal("1234");
        assertThat(fetches).hasValue(2);
    }
}

package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inkan.system.stack.Bank;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.InkanSystem;
import io.inkan.system.stack.RelyingParty;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One Inkan, one web front end in front of it, and a headless Chromium per scenario: the customer's and the
 * administrator's screens driven as a person would, from the first screen to the saved {@code .p12}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserScenarios {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private EmbeddedInfrastructure infrastructure;
    private InkanSystem system;
    private WebFrontEnd web;
    protected Bank bank;
    protected RelyingParty relyingParty;

    protected abstract Map<String, String> properties();

    @BeforeAll
    void start() {
        // CI installs chromium and chromium-driver (.ci/run); elsewhere the browser tests need them too, unless CI is
        // unset
        assumeTrue(Browser.installed() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
        infrastructure = EmbeddedInfrastructure.withH2(); // the local stack's databases: the screens need no more
        system = InkanSystem.start(infrastructure, properties());
        web = WebFrontEnd.start(system);
        bank = new Bank(system);
        relyingParty = new RelyingParty(system.issuanceUrl());
    }

    @AfterAll
    void stop() {
        if (web != null) {
            web.close();
        }
        if (system != null) {
            system.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    protected Browser browser(String test) {
        return Browser.open(web.url(), test);
    }

    protected static String newContractId() {
        return "C" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    }

    /**
     * The customer's saved file: it opens with the passphrase they chose, holds their key and a certificate for it
     * that {@code openssl verify} accepts against {@code /ca/chain.pem}, and OpenSSL reads it too. Answers the
     * certificate.
     */
    protected X509Certificate assertInstallable(Path p12, String passphrase) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, passphrase.toCharArray());
        }
        String alias = Collections.list(store.aliases()).stream()
                .filter(a -> isKey(store, a))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no key in " + p12));
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        PrivateKey key = (PrivateKey) store.getKey(alias, passphrase.toCharArray());
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        relyingParty.assertChainsToTheCa(pem); // openssl verify -purpose sslclient -CAfile /ca/chain.pem
        // the key in the file is the certificate's (signature made with it verifies with the certificate)
        var signer = java.security.Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        signer.initVerify(certificate);
        signer.update(new byte[] {1, 2, 3});
        assertThat(signer.verify(signature)).isTrue();
        assertOpensWithOpenSsl(p12, passphrase);
        return certificate;
    }

    protected void assertOpensWithOpenSsl(Path p12, String passphrase) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        "openssl", "pkcs12", "-in", p12.toString(), "-passin", "env:P12_PASSPHRASE", "-noenc")
                .redirectErrorStream(true);
        builder.environment().put("P12_PASSPHRASE", passphrase);
        Process openssl = builder.start();
        String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl pkcs12 said: %s", said).isZero();
        assertThat(said).contains("BEGIN PRIVATE KEY").contains("BEGIN CERTIFICATE");
    }

    protected static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (Exception e) {
            return false;
        }
    }
}

package io.inkan.system.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inkan.system.stack.Bank;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.InkanSystem;
import io.inkan.system.stack.RelyingParty;
import io.inkan.testsupport.Csrs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

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
        var frontEndKeys = WebFrontEnd.keys();
        system = InkanSystem.start(infrastructure, WebFrontEnd.trustedFrontEnd(properties(), frontEndKeys));
        web = WebFrontEnd.start(system, frontEndKeys, properties());
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

    /** The front end's plain HTTP origin. */
    protected String webUrl() {
        return web.url();
    }

    /** The front end's HTTPS origin, where customers log on with their certificate. */
    protected String tlsOrigin() {
        return web.tlsOrigin();
    }

    /**
     * A customer's PC with their certificate installed: the {@code .p12} imported into the browser's certificate
     * store, which Chromium offers to the front end's HTTPS port without asking.
     */
    protected Browser browserWithCertificate(String test, Path p12, String passphrase) {
        return Browser.withCertificate(web.url(), test, p12, passphrase, web.tlsOrigin(), web.tlsCertificate());
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

    /**
     * A certificate obtained the way a bank's own client obtains it (login ID and password, a key made here), saved as
     * the {@code .p12} a customer's PC holds: the key, the certificate and the CA chain, under that passphrase.
     */
    protected Path heldCertificate(String loginId, String password, String passphrase) throws Exception {
        KeyPair keys = Csrs.p256();
        JsonNode issued = bank.issued(() -> bank.requestWithLoginId(loginId, password, Csrs.csrPem(keys)));
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        List<Certificate> chain = new ArrayList<>();
        chain.add(x509.generateCertificate(
                new ByteArrayInputStream(issued.path("pem").asString().getBytes(StandardCharsets.US_ASCII))));
        chain.addAll(x509.generateCertificates(
                new ByteArrayInputStream(issued.path("chainPem").asString().getBytes(StandardCharsets.US_ASCII))));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("held", keys.getPrivate(), passphrase.toCharArray(), chain.toArray(Certificate[]::new));
        Path p12 = Files.createTempFile("held", ".p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, passphrase.toCharArray());
        }
        return p12;
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

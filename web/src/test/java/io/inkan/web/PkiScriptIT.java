package io.inkan.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser's own PKI code ({@code static/js/pki.js}) run under Node's WebCrypto, checked by OpenSSL and the JDK:
 * the CSR's signature verifies, and the PKCS#12 file opens with the passphrase (a non-ASCII one, as a customer may
 * choose), holds the key that matches the certificate, and refuses a wrong passphrase. The browser tests in
 * system-tests check the same file made by Chromium.
 */
class PkiScriptIT {
    private static final String PASSPHRASE = "秘密のパスフレーズ 2026";

    @TempDir
    Path dir;

    @Test
    void theBrowsersCsrAndPkcs12AreWhatOpenSslAndTheJdkRead() throws Exception {
        assumeTrue(onPath("node") && onPath("openssl"), "node and openssl are needed");
        Path script = Path.of(getClass().getResource("/pki-check.mjs").toURI());
        Path pki = Path.of("src/main/resources/web/static/js/pki.js").toAbsolutePath();
        Process node = new ProcessBuilder("node", script.toString(), pki.toString(), dir.toString(), PASSPHRASE)
                .redirectErrorStream(true)
                .start();
        String said = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node said: %s", said).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("customer.p12"))) {
            store.load(in, PASSPHRASE.toCharArray());
        }
        String alias = Collections.list(store.aliases()).stream()
                .filter(a -> isKey(store, a))
                .findFirst()
                .orElseThrow();
        assertThat(alias).isEqualTo("c0012345u001"); // the friendly name (the JDK lower-cases aliases)
        X509Certificate certificate = (X509Certificate) store.getCertificate(alias);
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=C0012345U001");
        PrivateKey key = (PrivateKey) store.getKey(alias, PASSPHRASE.toCharArray());
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(new byte[] {42});
        byte[] signed = signature.sign();
        signature.initVerify(certificate);
        signature.update(new byte[] {42});
        assertThat(signature.verify(signed)).as("the key is the certificate's").isTrue();
        assertThat(store.getCertificateChain(alias)).hasSize(2); // with the issuing CA

        KeyStore wrong = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("customer.p12"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.load(in, "guess".toCharArray()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}

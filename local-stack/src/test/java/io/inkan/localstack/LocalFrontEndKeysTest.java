package io.inkan.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web front end's keys in the local stack: made once and read back on the next start, so that the fingerprint
 * auth-service trusts stays the front end's; the client key's file is its owner's alone.
 */
class LocalFrontEndKeysTest {

    @Test
    void theKeysMadeOnTheFirstStartAreTheOnesOfTheNext(@TempDir Path dataDir) throws Exception {
        LocalFrontEndKeys first = LocalFrontEndKeys.loadOrCreate(dataDir.resolve("web"));
        LocalFrontEndKeys next = LocalFrontEndKeys.loadOrCreate(dataDir.resolve("web"));

        assertThat(next.clientFingerprint())
                .isEqualTo(first.clientFingerprint())
                .matches("[0-9a-f]{64}");
        X509Certificate client = certificate(first.clientKeystore());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(client.getEncoded())))
                .isEqualTo(first.clientFingerprint());
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(first.serverCertificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(first.serverCertificate().getSubjectAlternativeNames())
                .anySatisfy(name -> assertThat(name.get(1)).isEqualTo("127.0.0.1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.clientKeystore())))
                .isEqualTo("rw-------");
    }

    private static X509Certificate certificate(Path p12) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, LocalFrontEndKeys.LOCAL_PASSWORD.toCharArray());
        }
        return (X509Certificate) store.getCertificate("web");
    }
}

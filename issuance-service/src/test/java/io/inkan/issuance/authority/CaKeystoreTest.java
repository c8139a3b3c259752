package io.inkan.issuance.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.events.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.Period;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CA keys: generated once, loaded after, refused with a clear message when unusable. */
class CaKeystoreTest {
    private static final char[] PASSWORD = "test-password".toCharArray();
    private static final Span ONE_YEAR = Span.valueOf("P1Y");
    private final Instant now = Instant.parse("2025-04-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void firstStartGeneratesAnEcRootAndIssuingCaThatLaterStartsLoad() throws Exception {
        Path path = dir.resolve("issuance-service/ca.p12");
        Signer generated =
                CaKeystore.openOrGenerate(path, PASSWORD, CaKeyAlgorithm.EC, "issuing", "root", ONE_YEAR, now);

        assertThat(Files.exists(path)).isTrue();
        assertThat(((ECPublicKey) generated.chain().get(1).getPublicKey())
                        .getParams()
                        .getOrder()
                        .bitLength())
                .isEqualTo(384);
        assertThat(((ECPublicKey) generated.issuingCertificate().getPublicKey())
                        .getParams()
                        .getOrder()
                        .bitLength())
                .isEqualTo(256);
        assertThat(generated.issuingCertificate().getBasicConstraints()).isEqualTo(0);

        Signer loaded = CaKeystore.openOrGenerate(path, PASSWORD, CaKeyAlgorithm.EC, "issuing", "root", ONE_YEAR, now);
        assertThat(loaded.issuingCertificate()).isEqualTo(generated.issuingCertificate());
        var signed = new JcaX509CertificateHolder(loaded.issuingCertificate());
        assertThat(signed.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .build(loaded.chain().get(1).getPublicKey())))
                .isTrue();
    }

    @Test
    void rsaIsSelectable() {
        Signer signer = CaKeystore.openOrGenerate(
                dir.resolve("ca.p12"), PASSWORD, CaKeyAlgorithm.RSA, "issuing", "root", ONE_YEAR, now);
        assertThat(((RSAPublicKey) signer.issuingCertificate().getPublicKey())
                        .getModulus()
                        .bitLength())
                .isEqualTo(3072);
    }

    @Test
    void aWrongPasswordIsRefused() {
        Path path = dir.resolve("ca.p12");
        CaKeystore.openOrGenerate(path, PASSWORD, CaKeyAlgorithm.EC, "issuing", "root", ONE_YEAR, now);

        assertThatThrownBy(() -> CaKeystore.open(path, "wrong".toCharArray(), "issuing", "root", ONE_YEAR, now))
                .hasMessageContaining("Refusing to start")
                .hasMessageNotContaining("test-password");
    }

    @Test
    void aMissingProductionKeystoreIsRefused() {
        assertThatThrownBy(() -> CaKeystore.open(dir.resolve("nope.p12"), PASSWORD, "issuing", "root", ONE_YEAR, now))
                .hasMessageContaining("does not exist");
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsRefused() {
        var ca = CaGenerator.generate(CaKeyAlgorithm.EC, now);
        var mismatched = new CaGenerator.Ca(CaGenerator.ec("secp256r1"), ca.issuing(), ca.root());
        Path path = dir.resolve("ca.p12");
        CaGenerator.store(mismatched, path, PASSWORD, "issuing", "root");

        assertThatThrownBy(() -> CaKeystore.open(path, PASSWORD, "issuing", "root", ONE_YEAR, now))
                .hasMessageContaining("private key does not belong to the issuing certificate");
    }

    @Test
    void anIssuingCertificateThatIsNotACaIsRefused() {
        var ca = CaGenerator.generate(CaKeyAlgorithm.EC, now);
        KeyPair keys = CaGenerator.ec("secp256r1");
        KeyPair rootKeys = CaGenerator.ec("secp384r1");
        var root = CaGenerator.caCertificate(
                CaGenerator.ROOT_NAME,
                rootKeys.getPublic(),
                CaGenerator.ROOT_NAME,
                rootKeys.getPrivate(),
                null,
                now,
                now.plus(Period.ofDays(3650)),
                -1,
                KeyUsage.keyCertSign);
        var leaf = CaGenerator.caCertificate(
                CaGenerator.ISSUING_NAME,
                keys.getPublic(),
                CaGenerator.ROOT_NAME,
                rootKeys.getPrivate(),
                root,
                now,
                now.plus(Period.ofDays(3650)),
                0,
                KeyUsage.digitalSignature);
        Path path = dir.resolve("ca.p12");
        CaGenerator.store(new CaGenerator.Ca(keys, leaf, root), path, PASSWORD, "issuing", "root");

        assertThatThrownBy(() -> CaKeystore.open(path, PASSWORD, "issuing", "root", ONE_YEAR, now))
                .hasMessageContaining("is not a CA certificate");
        assertThat(ca).isNotNull();
    }

    @Test
    void anIssuingCaExpiringBeforeACertificateIssuedTodayIsRefused() {
        Path path = dir.resolve("ca.p12");
        CaKeystore.openOrGenerate(path, PASSWORD, CaKeyAlgorithm.EC, "issuing", "root", ONE_YEAR, now);

        // The generated issuing CA lives 10 years; certificates of 11 years would outlive it.
        assertThatThrownBy(() -> CaKeystore.open(path, PASSWORD, "issuing", "root", Span.valueOf("P11Y"), now))
                .hasMessageContaining("expires at")
                .hasMessageContaining("before a certificate issued today would");
    }
}

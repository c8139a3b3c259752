package io.inkan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.benchmarks.IssuanceBenchmark.SubjectKey;
import io.inkan.issuance.authority.CaKeyAlgorithm;
import io.inkan.testsupport.Csrs;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs each benchmark body once, so that the benchmarks keep compiling and keep measuring the right thing. */
class IssuanceBenchmarkTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @ParameterizedTest
    @EnumSource(SubjectKey.class)
    void theProfilePathIssuesACertificateOfTheBanksProfile(SubjectKey key) throws Exception {
        IssuanceBenchmark.Issuance state = state(key);

        X509Certificate certificate = new IssuanceBenchmark().profile(state);

        certificate.verify(state.authority.issuingPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("CN=C0001u0001,OU=Inkan Bank Internet Banking CA,O=Inkan Bank\\, Ltd.,C=JP");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getCriticalExtensionOIDs()).contains("2.5.29.15"); // KeyUsage
        assertThat(certificate.getPublicKey().getEncoded())
                .isEqualTo(state.csr.getSubjectPublicKeyInfo().getEncoded());
    }

    @ParameterizedTest
    @EnumSource(SubjectKey.class)
    void theBaselinesSignAMinimalCertificateWithTheSameKeys(SubjectKey key) throws Exception {
        IssuanceBenchmark.Issuance state = state(key);
        IssuanceBenchmark benchmark = new IssuanceBenchmark();

        for (byte[] der :
                new byte[][] {benchmark.bare(state), benchmark.bareWithPop(state), benchmark.bareBcVerify(state)}) {
            X509CertificateHolder certificate = new X509CertificateHolder(der);
            assertThat(certificate.isSignatureValid(
                            new JcaContentVerifierProviderBuilder().build(state.authority.issuingPublicKey())))
                    .isTrue();
            assertThat(certificate.getExtensions()).isNull();
            assertThat(certificate.getSubjectPublicKeyInfo()).isEqualTo(state.csr.getSubjectPublicKeyInfo());
        }
    }

    @ParameterizedTest
    @EnumSource(SubjectKey.class)
    void theProfilePathChecksTheCsrAsTheServiceDoes(SubjectKey key) {
        IssuanceBenchmark.Issuance state = state(key);
        state.csrPem = Csrs.csrPemSignedByAnotherKey(Csrs.p256());

        assertThatThrownBy(() -> new IssuanceBenchmark().profile(state)).hasMessageStartingWith("INVALID_CSR");
    }

    @Test
    void noClassOfTheBenchmarksLivesInAServicesPackage() throws Exception {
        // The benchmarks call the services' own public classes (issuance-service's Issuer); a class in a service's
        // package here would be a copy of its steps or a bridge into its package-private internals.
        Path classes = Path.of(IssuanceBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        for (String service : new String[] {"auth", "issuance", "admin", "notification"}) {
            assertThat(classes.resolve("io/inkan/" + service)).doesNotExist();
        }
    }

    private static IssuanceBenchmark.Issuance state(SubjectKey key) {
        IssuanceBenchmark.Issuance state = new IssuanceBenchmark.Issuance();
        state.key = key;
        state.ca = CaKeyAlgorithm.EC;
        state.setUp();
        return state;
    }
}

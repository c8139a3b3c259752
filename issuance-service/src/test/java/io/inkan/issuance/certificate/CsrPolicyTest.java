package io.inkan.issuance.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.events.RejectionReason;
import io.inkan.testsupport.Csrs;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/** Step 2 of the issuance cycle: each rejection reason of docs/contract.md §5 that a CSR alone can earn. */
class CsrPolicyTest {
    private final CsrPolicy policy = new CsrPolicy();

    @Test
    void acceptsEcP256AndP384AndRsa2048() throws Exception {
        for (KeyPair keys : new KeyPair[] {Csrs.p256(), Csrs.ecKeyPair("secp384r1"), Csrs.rsa(2048)}) {
            CheckedCsr checked = policy.check(Csrs.csrPem(keys));
            String expected = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(keys.getPublic().getEncoded()));
            assertThat(checked.spkiSha256()).isEqualTo(expected);
        }
    }

    @Test
    void garbageIsAnInvalidCsr() {
        assertRejected("not a CSR at all", RejectionReason.INVALID_CSR);
        assertRejected("", RejectionReason.INVALID_CSR);
        assertRejected(null, RejectionReason.INVALID_CSR);
        assertRejected(
                "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
                RejectionReason.INVALID_CSR);
    }

    @Test
    void aCsrNotSignedByItsKeyIsInvalid() {
        assertRejected(Csrs.csrPemSignedByAnotherKey(Csrs.p256()), RejectionReason.INVALID_CSR);
    }

    @Test
    void aSmallRsaKeyIsWeak() {
        assertRejected(Csrs.csrPem(Csrs.rsa(1024)), RejectionReason.WEAK_KEY);
    }

    @Test
    void anRsaKeyAbove4096BitsIsRefusedAsWeakKey() {
        assertRejected(Csrs.csrPem(Csrs.rsa(4160)), RejectionReason.WEAK_KEY);
    }

    @Test
    void anotherCurveIsRefusedAsWeakKey() throws Exception {
        assertRejected(Csrs.csrPem(Csrs.ecKeyPair("secp521r1")), RejectionReason.WEAK_KEY);
    }

    @Test
    void anEd25519KeyIsRefusedAsWeakKey() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = Csrs.pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), keys.getPublic())
                .build(new JcaContentSignerBuilder("Ed25519").build(keys.getPrivate())));
        assertRejected(pem, RejectionReason.WEAK_KEY);
    }

    private void assertRejected(String pem, RejectionReason reason) {
        assertThatThrownBy(() -> policy.check(pem))
                .isInstanceOfSatisfying(
                        CsrRejected.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

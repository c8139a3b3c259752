package io.inkan.issuance.authority;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;

/** A bank's own CA, made outside issuance-service: for tests that bring it on a token or in a PKCS#12 file. */
public record TestCa(KeyPair issuingKeys, X509Certificate issuing, X509Certificate root) {

    /** An EC P-384 root and an EC P-256 issuing CA below it, as a bank's CA might be. */
    public static TestCa generate(Instant now) {
        CaGenerator.Ca ca = CaGenerator.generate(CaKeyAlgorithm.EC, now);
        return new TestCa(ca.issuingKeys(), ca.issuing(), ca.root());
    }

    /** Writes the issuing key with its chain as PKCS#12 under {@code issuingAlias}, as the bank would bring it. */
    public void writePkcs12(Path path, char[] password, String issuingAlias) {
        CaGenerator.store(new CaGenerator.Ca(issuingKeys, issuing, root), path, password, issuingAlias, "root");
    }

    public String issuingPem() {
        return Pem.of(issuing);
    }

    public String rootPem() {
        return Pem.of(root);
    }

    public String chainPem() {
        return Pem.of(java.util.List.of(issuing, root));
    }
}

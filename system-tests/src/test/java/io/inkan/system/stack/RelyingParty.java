package io.inkan.system.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What a TLS terminator in front of the bank's internet banking does with a customer's certificate:
 * build the path to the CA chain, and ask the CRL and OCSP whether it is still good.
 */
public final class RelyingParty {
    private final String issuanceUrl;

    public RelyingParty(String issuanceUrl) {
        this.issuanceUrl = issuanceUrl;
    }

    public String chainPem() {
        Http.Response response = Http.get(issuanceUrl + "/ca/chain.pem", null);
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    /** The certificate chains to the CA's published chain, and is for client authentication. */
    public void assertChainsToTheCa(String certificatePem) throws Exception {
        List<X509Certificate> chain = certificates(chainPem());
        assertThat(chain).as("issuing CA then root").hasSize(2);
        X509Certificate leaf = certificate(certificatePem);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(List.of(leaf, chain.get(0)));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(chain.get(1), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
        assertThat(leaf.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
        if (Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            Path dir = Files.createTempDirectory("verify");
            Files.writeString(dir.resolve("chain.pem"), chainPem());
            Files.writeString(dir.resolve("cert.pem"), certificatePem);
            Process openssl = new ProcessBuilder(
                            "openssl", "verify", "-purpose", "sslclient", "-CAfile", "chain.pem", "cert.pem")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String said = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(openssl.exitValue()).as("openssl verify said: %s", said).isZero();
        }
    }

    public X509CRL crl() throws Exception {
        Http.Response response = Http.get(issuanceUrl + "/crl", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/pkix-crl");
        X509CRL crl = (X509CRL)
                CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(response.bytes()));
        crl.verify(certificates(chainPem()).get(0).getPublicKey());
        return crl;
    }

    public boolean crlLists(String serialNumber) throws Exception {
        return crl().getRevokedCertificate(new BigInteger(serialNumber, 16)) != null;
    }

    /**
     * The RFC 5280 reason ({@code keyCompromise}, {@code cessationOfOperation}, …) the CRL gives for the serial, or
     * null when the CRL does not list it. Read by {@code openssl crl} where it is installed, as a relying party's
     * operator would read it, and by the JDK otherwise.
     */
    public String crlReason(String serialNumber) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            var entry = crl().getRevokedCertificate(new BigInteger(serialNumber, 16));
            if (entry == null) {
                return null;
            }
            return entry.getRevocationReason() == null
                    ? "unspecified"
                    : camel(entry.getRevocationReason().name().replace('_', ' '));
        }
        crl(); // fetched and its signature checked
        Path dir = Files.createTempDirectory("crl");
        Files.write(dir.resolve("crl.der"), Http.get(issuanceUrl + "/crl", null).bytes());
        Process openssl = new ProcessBuilder("openssl", "crl", "-inform", "DER", "-in", "crl.der", "-noout", "-text")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String text = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl crl said: %s", text).isZero();
        BigInteger wanted = new BigInteger(serialNumber, 16);
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.startsWith("Serial Number:")
                    && new BigInteger(line.substring("Serial Number:".length()).trim(), 16).equals(wanted)) {
                for (int j = i + 1; j < lines.length && !lines[j].trim().startsWith("Serial Number:"); j++) {
                    if (lines[j].contains("CRL Reason Code") && j + 1 < lines.length) {
                        return camel(lines[j + 1].trim());
                    }
                }
                return "unspecified"; // an entry without a reason code
            }
        }
        return null;
    }

    /** "Key Compromise" (openssl) or "KEY COMPROMISE" (the JDK's CRLReason) as RFC 5280 names it: keyCompromise. */
    private static String camel(String words) {
        StringBuilder name = new StringBuilder();
        for (String word : words.trim().toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            name.append(name.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    public enum Status {
        GOOD,
        REVOKED,
        UNKNOWN
    }

    /** Asks the CA's OCSP responder, and checks that the answer is signed by the issuing CA. */
    public Status ocsp(String certificatePem) throws Exception {
        X509Certificate leaf = certificate(certificatePem);
        X509Certificate issuer = certificates(chainPem()).get(0);
        CertificateID id = new CertificateID(
                new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(issuer.getEncoded()),
                leaf.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        Http.Response response = Http.postBytes(issuanceUrl + "/ocsp", "application/ocsp-request", request);
        assertThat(response.status()).isEqualTo(200);
        OCSPResp ocsp = new OCSPResp(response.bytes());
        assertThat(ocsp.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey())))
                .isTrue();
        SingleResp single = basic.getResponses()[0];
        Object status = single.getCertStatus();
        if (status == null) {
            return Status.GOOD;
        }
        if (status instanceof RevokedStatus) {
            return Status.REVOKED;
        }
        assertThat(status).isInstanceOf(UnknownStatus.class);
        return Status.UNKNOWN;
    }

    public static X509Certificate certificate(String pem) throws Exception {
        return certificates(pem).get(0);
    }

    public static List<X509Certificate> certificates(String pem) throws Exception {
        Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        List<X509Certificate> result = new ArrayList<>();
        all.forEach(c -> result.add((X509Certificate) c));
        return result;
    }
}

package io.inkan.cli;

import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code inkan verify CERT.pem}: checks the certificate against issuance-service's CA chain (PKIX, the
 * root as trust anchor) and asks its OCSP responder for the certificate's status. Exit 0 only for a
 * valid chain and OCSP "good".
 */
@Command(
        name = "verify",
        customSynopsis = "inkan verify CERT.pem [--issuance-url URL]",
        description = "Checks the certificate against the CA chain and asks the OCSP responder whether it is good.",
        footer = {
            "",
            "exit codes: 0 a valid chain and OCSP good; 3 not valid, revoked or unknown; 4 issuance-service"
                    + " unreachable; 2 wrong command line or not a certificate"
        })
final class VerifyCommand implements Callable<Integer> {
    private static final String[] REASONS = {
        "unspecified",
        "keyCompromise",
        "cACompromise",
        "affiliationChanged",
        "superseded",
        "cessationOfOperation",
        "certificateHold",
        "unknown(7)",
        "removeFromCRL",
        "privilegeWithdrawn",
        "aACompromise"
    };

    private final Terminal terminal;

    @Parameters(paramLabel = "CERT.pem", description = "the certificate, PEM")
    private String certificateFile;

    @Option(
            names = "--issuance-url",
            paramLabel = "URL",
            description = "issuance-service (default" + " INKAN_ISSUANCE_URL, else " + Inkan.DEFAULT_ISSUANCE_URL + ")")
    private String issuanceUrl;

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String issuanceUrl =
                Options.or(this.issuanceUrl, terminal.env("INKAN_ISSUANCE_URL", Inkan.DEFAULT_ISSUANCE_URL));
        X509Certificate certificate = readCertificate(Path.of(certificateFile));
        String serial = certificate.getSerialNumber().toString(16);
        terminal.out.println(
                "certificate  " + certificate.getSubjectX500Principal().getName() + "  serial=" + serial + "  notAfter="
                        + certificate.getNotAfter().toInstant());

        Http http = new Http("issuance-service");
        HttpResponse<String> chainResponse = http.send(
                Http.request(Http.uri(issuanceUrl, "/ca/chain.pem")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (chainResponse.statusCode() != 200) {
            throw new CliFailure(
                    ExitCode.FAILED, "issuance-service answered " + chainResponse.statusCode() + " for /ca/chain.pem");
        }
        List<X509Certificate> chain = KeyMaterial.certificates(chainResponse.body());
        if (chain.isEmpty()) {
            throw new CliFailure(ExitCode.FAILED, "issuance-service's /ca/chain.pem holds no certificate");
        }
        X509Certificate issuer = chain.getFirst();
        String chainProblem = validate(certificate, chain);
        if (chainProblem != null) {
            terminal.out.println("chain        INVALID: " + chainProblem);
            throw CliFailure.refused("the certificate does not verify against Inkan's CA chain: " + chainProblem);
        }
        terminal.out.println("chain        valid (issued by "
                + issuer.getSubjectX500Principal().getName() + ")");

        String status = ocsp(http, issuanceUrl, certificate, issuer);
        terminal.out.println("ocsp         " + status);
        if (!status.equals("good")) {
            throw CliFailure.refused("certificate " + serial + " is " + status);
        }
        return ExitCode.OK;
    }

    private static X509Certificate readCertificate(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw CliFailure.usage("no such file: " + file);
        } catch (IOException e) {
            throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
        }
        List<X509Certificate> certificates;
        try {
            certificates = KeyMaterial.certificates(pem);
        } catch (CliFailure e) {
            throw CliFailure.usage(file + " is not a PEM certificate");
        }
        if (certificates.isEmpty()) {
            throw CliFailure.usage(file + " holds no certificate");
        }
        return certificates.getFirst();
    }

    /** Null when the path certificate → chain → root validates now; else why not. */
    private static String validate(X509Certificate certificate, List<X509Certificate> chain) {
        X509Certificate root = chain.getLast();
        List<X509Certificate> path = new java.util.ArrayList<>();
        path.add(certificate);
        path.addAll(chain.subList(0, chain.size() - 1));
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            // revocation is asked of the OCSP responder below, with a clearer answer
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return null;
        } catch (CertPathValidatorException e) {
            return e.getMessage();
        } catch (GeneralSecurityException e) {
            return e.toString();
        }
    }

    private static String ocsp(Http http, String issuanceUrl, X509Certificate certificate, X509Certificate issuer) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            CertificateID id = new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    issuerHolder,
                    certificate.getSerialNumber());
            // No nonce: issuance-service signs one answer per certificate state and serves it to everyone (RFC 5019),
            // so a nonce would be ignored anyway.
            OCSPReq request = new OCSPReqBuilder().addRequest(id).build();
            HttpResponse<byte[]> response = http.send(
                    Http.request(Http.uri(issuanceUrl, "/ocsp"))
                            .header("Content-Type", "application/ocsp-request")
                            .header("Accept", "application/ocsp-response")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new CliFailure(
                        ExitCode.FAILED, "issuance-service answered " + response.statusCode() + " for /ocsp");
            }
            OCSPResp ocsp = new OCSPResp(response.body());
            if (ocsp.getStatus() == OCSPResp.UNAUTHORIZED) {
                // RFC 5019 §2.2.3: the responder has no record of the certificate (this CA did not issue it)
                throw new CliFailure(ExitCode.FAILED, "the OCSP responder knows no such certificate (unauthorized)");
            }
            if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new CliFailure(ExitCode.FAILED, "the OCSP responder answered status " + ocsp.getStatus());
            }
            BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
            if (!signedByIssuer(basic, issuerHolder)) {
                throw new CliFailure(ExitCode.FAILED, "the OCSP answer is not signed by the issuing CA");
            }
            for (SingleResp single : basic.getResponses()) {
                if (single.getCertID().equals(id)) {
                    return describe(single.getCertStatus());
                }
            }
            throw new CliFailure(ExitCode.FAILED, "the OCSP answer does not mention the certificate");
        } catch (OCSPException | OperatorCreationException | IOException | GeneralSecurityException e) {
            throw new CliFailure(ExitCode.FAILED, "OCSP check failed: " + e.getMessage(), e);
        }
    }

    /** Signed by the issuing CA itself, or by a responder certificate the issuing CA signed. */
    private static boolean signedByIssuer(BasicOCSPResp basic, X509CertificateHolder issuer)
            throws OCSPException, OperatorCreationException, GeneralSecurityException {
        var verifiers = new JcaContentVerifierProviderBuilder();
        if (basic.isSignatureValid(verifiers.build(issuer))) {
            return true;
        }
        for (X509CertificateHolder responder : basic.getCerts()) {
            try {
                if (responder.isSignatureValid(verifiers.build(issuer))
                        && basic.isSignatureValid(verifiers.build(responder))) {
                    return true;
                }
            } catch (org.bouncycastle.cert.CertException e) {
                // not this one
            }
        }
        return false;
    }

    private static String describe(CertificateStatus status) {
        if (status == CertificateStatus.GOOD) {
            return "good";
        }
        if (status instanceof RevokedStatus revoked) {
            String reason = revoked.hasRevocationReason() ? reasonName(revoked.getRevocationReason()) : "unspecified";
            Instant time = revoked.getRevocationTime().toInstant();
            return "revoked (" + reason + ", " + time + ")";
        }
        if (status instanceof UnknownStatus) {
            return "unknown";
        }
        return "unknown";
    }

    private static String reasonName(int code) {
        return code >= 0 && code < REASONS.length ? REASONS[code] : "reason " + BigInteger.valueOf(code);
    }
}

package io.inkan.benchmarks;

import io.inkan.events.RequestKind;
import io.inkan.issuance.authority.CaKeyAlgorithm;
import io.inkan.issuance.certificate.CheckedCsr;
import io.inkan.issuance.certificate.CsrRejected;
import io.inkan.issuance.certificate.Issuer;
import io.inkan.issuance.policy.CertificateProperties;
import io.inkan.issuance.policy.IssuanceProperties;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Issue 3, item 7: issuing one certificate from a CSR with the production profile, against bare BouncyCastle.
 *
 * <ul>
 *   <li>{@link #profile}: issuance-service's own {@link Issuer}, as its issuance cycle calls it: PEM CSR →
 *       {@link Issuer#check} (parse, key policy, proof of possession) → KEY_REUSED against an in-memory set → random
 *       serial → {@link Issuer#prepare} (the profile: subject from configuration, KeyUsage, EKU, SKI, AKI, CRL DP,
 *       AIA) → {@link Issuer#issue} (audit line, the service's Signer, parse with the JDK's CertificateFactory, verify
 *       and compare). What needs the database or Kafka stays out: step 1 (the right to issue), the KEY_REUSED lookup
 *       (an in-memory set of fingerprints stands for the indexed table), the serial's reservation (drawn as
 *       SerialNumbers draws it, not inserted), steps 8–9 (persist, publish). The audit line is written at INFO, which
 *       this module's logback.xml turns off: its cost depends on the appender.
 *   <li>{@link #bare}: the crypto floor. A minimal X509v3 certificate (no extensions) for the same, already parsed
 *       public key, built and signed with BouncyCastle by the same CA key and algorithm, and its signature checked
 *       with one {@link Signature#verify}: one sign, one verify.
 *   <li>{@link #bareWithPop}: {@link #bare} plus one verification of the (already parsed) CSR's signature, the
 *       proof of possession every issuance must check: the public-key operations {@link #profile} cannot avoid.
 *   <li>{@link #bareBcVerify}: {@link #bare}, but verified the BouncyCastle way,
 *       {@code holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))}. BouncyCastle 1.86's
 *       {@code RawSigVerifier.verify} then verifies a second time with the raw ("NONEwith…") signature and discards
 *       the result (to free PKCS#11 sessions), so for an EC key this costs two ECDSA verifications. CsrPolicy
 *       checks the CSR that way.
 * </ul>
 *
 * {@link #main} runs them with JMH and prints certificates per second and the ratios, then measures the ratios once
 * more with the benchmarks taking turns (see {@link #paired}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The JDK's P-256 code needs several seconds of warm-up before the JIT has compiled it fully.
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class IssuanceBenchmark {

    /** The customer's key in the CSR. */
    public enum SubjectKey {
        EC_P256,
        RSA_2048
    }

    @State(Scope.Benchmark)
    public static class Issuance {
        @Param({"EC_P256", "RSA_2048"})
        public SubjectKey key;

        /** The CA's keys: EC (P-256 issuing CA, the default) or RSA (3072). */
        @Param({"EC"})
        public CaKeyAlgorithm ca;

        Instant now;
        LocalAuthority authority;
        Issuer issuer;
        Set<String> certifiedKeys;
        String csrPem;
        PKCS10CertificationRequest csr;
        PublicKey customerKey;
        String csrAlgorithm;
        // for the bare baseline
        SubjectPublicKeyInfo subjectKey;
        X500Name issuerName;
        X500Name bareSubject;
        Date notBefore;
        Date notAfter;
        PrivateKey caKey;
        PublicKey caPublicKey;
        String signatureAlgorithm;

        @Setup
        public void setUp() {
            now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            authority = LocalAuthority.generate(ca, now);
            issuer = new Issuer(
                    authority.signer(),
                    productionDefaults("inkan.certificate", CertificateProperties.class),
                    productionDefaults("inkan.issuance", IssuanceProperties.class));
            certifiedKeys = otherCertifiedKeys(10_000);
            KeyPair customer = keyPair(key);
            customerKey = customer.getPublic();
            csrAlgorithm = csrAlgorithm(customer);
            csr = csr(customer);
            csrPem = pem(csr);
            subjectKey = csr.getSubjectPublicKeyInfo();
            issuerName = X500Name.getInstance(
                    authority.issuingCertificate().getSubjectX500Principal().getEncoded());
            bareSubject = new X500Name("CN=C0001u0001");
            notBefore = Date.from(now);
            notAfter = Date.from(now.plus(365, ChronoUnit.DAYS));
            caKey = authority.issuingKey();
            caPublicKey = authority.issuingPublicKey();
            signatureAlgorithm = authority.signatureAlgorithm();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Steps 2–7 of the issuance cycle through the service's {@link Issuer}, without the database. */
    @Benchmark
    public X509Certificate profile(Issuance state) {
        // 2. Check the CSR; KEY_REUSED against the in-memory set standing for the indexed table.
        CheckedCsr csr;
        try {
            csr = state.issuer.check(state.csrPem);
        } catch (CsrRejected e) {
            throw new IllegalArgumentException(e.reason() + ": " + e.getMessage());
        }
        if (state.certifiedKeys.contains(csr.spkiSha256())) {
            throw new IllegalArgumentException("KEY_REUSED: this public key was certified before");
        }
        // 3. A random serial number, drawn as SerialNumbers draws it (its reservation needs the database).
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        // 4. Build from the profile; 5–7. audit, sign, parse and verify.
        return state.issuer.issue(
                state.issuer.prepare("benchmark", "C0001", "u0001", RequestKind.NEW, csr, serial, state.now));
    }

    @Benchmark
    public byte[] bare(Issuance state) throws Exception {
        X509CertificateHolder certificate = sign(state);
        verify(
                state.signatureAlgorithm,
                state.caPublicKey,
                certificate.toASN1Structure().getTBSCertificate(),
                certificate.getSignature());
        return certificate.getEncoded();
    }

    @Benchmark
    public byte[] bareWithPop(Issuance state) throws Exception {
        verify(
                state.csrAlgorithm,
                state.customerKey,
                state.csr.toASN1Structure().getCertificationRequestInfo(),
                state.csr.getSignature());
        return bare(state);
    }

    @Benchmark
    public byte[] bareBcVerify(Issuance state) throws Exception {
        X509CertificateHolder certificate = sign(state);
        if (!certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().build(state.caPublicKey))) {
            throw new IllegalStateException("the bare certificate does not verify");
        }
        return certificate.getEncoded();
    }

    private static X509CertificateHolder sign(Issuance state) throws OperatorCreationException {
        return new X509v3CertificateBuilder(
                        state.issuerName,
                        new BigInteger(128, RANDOM),
                        state.notBefore,
                        state.notAfter,
                        state.bareSubject,
                        state.subjectKey)
                .build(new JcaContentSignerBuilder(state.signatureAlgorithm).build(state.caKey));
    }

    /** One signature verification, nothing else. */
    private static void verify(String algorithm, PublicKey key, ASN1Object signed, byte[] signature)
            throws GeneralSecurityException, IOException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(signed.getEncoded(ASN1Encoding.DER));
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("the signature does not verify");
        }
    }

    /**
     * Runs the three benchmarks and prints certificates per second and the ratios. Arguments are JMH's (e.g.
     * {@code -wi 2 -i 3 -f 1}, {@code -p ca=RSA}); without them the annotations' settings apply.
     */
    public static void main(String[] args) throws Exception {
        var commandLine = new CommandLineOptions(args);
        var options = new OptionsBuilder()
                .parent(commandLine)
                .include(IssuanceBenchmark.class.getName() + "\\.")
                .build();
        print(new Runner(options).run());
        int rounds = Integer.getInteger("rounds", 40);
        if (rounds > 0) {
            var caParameter = commandLine.getParameter("ca");
            CaKeyAlgorithm ca = caParameter.hasValue()
                    ? CaKeyAlgorithm.valueOf(caParameter.get().iterator().next())
                    : CaKeyAlgorithm.EC;
            paired(ca, rounds, Duration.ofMillis(250), Duration.ofSeconds(10));
        }
    }

    /**
     * The ratios again, measured so that other load on the machine cannot bias them: the three benchmarks take turns
     * in short slices within one JVM, each round compares slices taken side by side, and the median of the rounds'
     * ratios is reported. JMH runs one benchmark after the other, so a build starting on a shared 2-core machine
     * halfway through its run shifts one benchmark's score and not the other's.
     */
    static void paired(CaKeyAlgorithm ca, int rounds, Duration slice, Duration warmUp) throws Exception {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Paired: the four in turns of %d ms, %d rounds after %d s of warm-up (CA %s), certs/s%n",
                slice.toMillis(),
                rounds,
                warmUp.toSeconds(),
                ca);
        header();
        IssuanceBenchmark benchmark = new IssuanceBenchmark();
        for (SubjectKey key : SubjectKey.values()) {
            Issuance state = new Issuance();
            state.key = key;
            state.ca = ca;
            state.setUp();
            // in the order of VARIANTS
            List<Callable<Object>> variants = List.of(
                    () -> benchmark.profile(state),
                    () -> benchmark.bare(state),
                    () -> benchmark.bareWithPop(state),
                    () -> benchmark.bareBcVerify(state));
            long warmUpEnd = System.nanoTime() + warmUp.toNanos();
            while (System.nanoTime() < warmUpEnd) {
                for (Callable<Object> variant : variants) {
                    perSecond(variant, slice);
                }
            }
            double[][] rates = new double[variants.size()][rounds];
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < variants.size(); turn++) {
                    int v = (round + turn) % variants.size(); // each variant goes first as often as the others
                    rates[v][round] = perSecond(variants.get(v), slice);
                }
            }
            double[] overBare = new double[rounds];
            double[] overPop = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                overBare[round] = rates[0][round] / rates[1][round];
                overPop[round] = rates[0][round] / rates[2][round];
            }
            row(
                    key.name(),
                    quantile(rates[0], 0.5),
                    quantile(rates[1], 0.5),
                    quantile(rates[2], 0.5),
                    quantile(rates[3], 0.5),
                    quantile(overBare, 0.5),
                    quantile(overPop, 0.5));
            System.out.printf(
                    Locale.ROOT,
                    "%-10s interquartile range of the rounds' ratios: profile/bare %.2f-%.2f, profile/bare+PoP"
                            + " %.2f-%.2f%n",
                    "",
                    quantile(overBare, 0.25),
                    quantile(overBare, 0.75),
                    quantile(overPop, 0.25),
                    quantile(overPop, 0.75));
        }
        footer();
    }

    private static void header() {
        System.out.printf(
                Locale.ROOT,
                "%-10s %8s %8s %9s %9s %21s %21s%n",
                "CSR key",
                "profile",
                "bare",
                "bare+PoP",
                "bare(BC)",
                "profile/bare",
                "profile/bare+PoP");
    }

    private static void row(
            String key,
            double profile,
            double bare,
            double pop,
            double bareBc,
            double profileOverBare,
            double profileOverPop) {
        System.out.printf(
                Locale.ROOT,
                "%-10s %8.0f %8.0f %9.0f %9.0f %21s %21s%n",
                key,
                profile,
                bare,
                pop,
                bareBc,
                String.format(Locale.ROOT, "%.2f (%+.0f%% time)", profileOverBare, (1 / profileOverBare - 1) * 100),
                String.format(Locale.ROOT, "%.2f (%+.0f%% time)", profileOverPop, (1 / profileOverPop - 1) * 100));
    }

    private static void footer() {
        System.out.println("ratio = certs/s of profile over the baseline's; % time = extra time per certificate of"
                + " profile (the issue's bar: at most +20 %)");
    }

    private static volatile int sink;

    private static double perSecond(Callable<Object> variant, Duration slice) throws Exception {
        long start = System.nanoTime();
        long end = start + slice.toNanos();
        int operations = 0;
        int hash = 0;
        long now;
        do {
            hash += System.identityHashCode(variant.call());
            operations++;
            now = System.nanoTime();
        } while (now < end);
        sink = hash;
        return operations / ((now - start) / 1e9);
    }

    private static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.round(q * (sorted.length - 1))];
    }

    static void print(Collection<RunResult> results) {
        // key type -> benchmark -> certificates per second
        Map<String, Map<String, Double>> scores = new TreeMap<>();
        for (RunResult result : results) {
            var params = result.getParams();
            String method =
                    params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            String row =
                    params.getParam("key") + (params.getParam("ca").equals("EC") ? "" : " CA " + params.getParam("ca"));
            scores.computeIfAbsent(row, k -> new TreeMap<>())
                    .put(method, result.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("JMH: issuance, certificates per second (one thread)");
        header();
        scores.forEach((key, s) -> {
            double profile = s.getOrDefault("profile", Double.NaN);
            double bare = s.getOrDefault("bare", Double.NaN);
            double pop = s.getOrDefault("bareWithPop", Double.NaN);
            row(key, profile, bare, pop, s.getOrDefault("bareBcVerify", Double.NaN), profile / bare, profile / pop);
        });
        footer();
    }

    /** The record with only its {@code @DefaultValue}s, as the service binds it when nothing is configured. */
    static <T> T productionDefaults(String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate(prefix, type);
    }

    /** SPKI fingerprints of other customers' keys, standing for the database's index of certified keys. */
    static Set<String> otherCertifiedKeys(int count) {
        Set<String> keys = ConcurrentHashMap.newKeySet(count);
        byte[] bytes = new byte[32];
        for (int i = 0; i < count; i++) {
            RANDOM.nextBytes(bytes);
            keys.add(HexFormat.of().formatHex(bytes));
        }
        return keys;
    }

    static KeyPair keyPair(SubjectKey key) {
        try {
            if (key == SubjectKey.RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR as a customer's browser or the inkan tool makes it; its subject is ignored by the CA. */
    static PKCS10CertificationRequest csr(KeyPair keys) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(
                            new X500Name("CN=whatever the browser says"), keys.getPublic())
                    .build(new JcaContentSignerBuilder(csrAlgorithm(keys)).build(keys.getPrivate()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String csrAlgorithm(KeyPair keys) {
        return keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}

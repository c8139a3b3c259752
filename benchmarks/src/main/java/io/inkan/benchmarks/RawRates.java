package io.inkan.benchmarks;

import io.inkan.issuance.authority.CaKeyAlgorithm;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The machine's raw rates, measured in the load driver's JVM beside the running Inkan: what the pipeline and the
 * password path are compared with.
 *
 * <ul>
 *   <li>{@link #issuance}: bare BouncyCastle issuance, {@link IssuanceBenchmark#bareWithPop}'s path plus the PEM parse:
 *       parse a PEM CSR, verify its signature (one {@code java.security.Signature}), build a minimal X509v3
 *       certificate and sign it with {@link LocalAuthority}'s EC P-256 CA. No profile, no database, no Kafka.
 *   <li>{@link #argon2}: BouncyCastle Argon2id at OWASP's minimum, the parameters of auth-service's
 *       {@code PasswordHashing} (m = 19,456 KiB, t = 2, p = 1, 16-byte salt, 32-byte hash).
 * </ul>
 */
final class RawRates {
    static final int ARGON2_MEMORY_KIB = 19_456;
    static final int ARGON2_ITERATIONS = 2;
    static final int ARGON2_PARALLELISM = 1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final X500Name SUBJECT = new X500Name("CN=C0001u0001");

    private RawRates() {}

    /** Operations per second on {@code threads} threads, after a warm-up of a fifth of the duration (at most 5 s). */
    static double issuance(int threads, Duration duration) {
        LocalAuthority authority = LocalAuthority.generate(CaKeyAlgorithm.EC, Instant.now());
        List<String> csrs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            csrs.add(IssuanceBenchmark.pem(
                    IssuanceBenchmark.csr(IssuanceBenchmark.keyPair(IssuanceBenchmark.SubjectKey.EC_P256))));
        }
        return rate(threads, duration, index -> issue(authority, csrs.get((int) (index % csrs.size()))));
    }

    static double argon2(int threads, Duration duration) {
        return rate(threads, duration, index -> argon2("correct horse battery staple " + index));
    }

    /** One bare issuance; the DER of the certificate. */
    static byte[] issue(LocalAuthority authority, String csrPem) throws Exception {
        PKCS10CertificationRequest csr;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            csr = (PKCS10CertificationRequest) parser.readObject();
        }
        PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
        verify(
                "SHA256withECDSA",
                key,
                csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER),
                csr.getSignature());
        Instant now = Instant.now();
        return new X509v3CertificateBuilder(
                        X500Name.getInstance(authority
                                .issuingCertificate()
                                .getSubjectX500Principal()
                                .getEncoded()),
                        new BigInteger(128, RANDOM),
                        Date.from(now),
                        Date.from(now.plus(365, ChronoUnit.DAYS)),
                        SUBJECT,
                        csr.getSubjectPublicKeyInfo())
                .build(new JcaContentSignerBuilder(authority.signatureAlgorithm()).build(authority.issuingKey()))
                .getEncoded();
    }

    static byte[] argon2(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(ARGON2_MEMORY_KIB)
                .withIterations(ARGON2_ITERATIONS)
                .withParallelism(ARGON2_PARALLELISM)
                .withSalt(salt)
                .build());
        byte[] hash = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
        return hash;
    }

    private static void verify(String algorithm, PublicKey key, byte[] signed, byte[] signature)
            throws GeneralSecurityException, IOException {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(signed);
        if (!verifier.verify(signature)) {
            throw new IllegalStateException("the CSR's signature does not verify");
        }
    }

    interface Operation {
        Object run(long index) throws Exception;
    }

    private static volatile int sink;

    /** Runs {@code operation} on {@code threads} threads; counts only what finished inside the measured window. */
    static double rate(int threads, Duration duration, Operation operation) {
        Duration warmUp = duration.dividedBy(5).compareTo(Duration.ofSeconds(5)) > 0
                ? Duration.ofSeconds(5)
                : duration.dividedBy(5);
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(threads);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureUntil = measureFrom + duration.toNanos();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().daemon().name("raw-" + t).start(() -> {
                try {
                    long index = 0;
                    while (true) {
                        Object result = operation.run(index++);
                        sink ^= System.identityHashCode(result);
                        long now = System.nanoTime();
                        if (now >= measureUntil) {
                            break;
                        }
                        if (now >= measureFrom) {
                            done.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    finished.countDown();
                }
            });
        }
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a raw measurement failed", failures.getFirst());
        }
        return done.get() / (duration.toNanos() / 1e9);
    }
}

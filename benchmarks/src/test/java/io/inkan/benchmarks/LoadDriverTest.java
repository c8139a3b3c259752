package io.inkan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inkan.benchmarks.LoadOptions.Measurement;
import io.inkan.issuance.authority.CaKeyAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;

/**
 * Runs the load driver's parts that need no running Inkan, once and untimed: the options, the two raw measurements,
 * and the exit status when the stack does not answer. The driver itself is run by hand (benchmarks/README.md).
 */
class LoadDriverTest {

    @Test
    void theOptionsDefaultToTheLocalStackAndTakeTheOperatorsPasswordFromTheEnvironmentOnly() {
        LoadOptions defaults = LoadOptions.parse(new String[0], name -> null);
        assertThat(defaults.authUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(defaults.adminUrl()).isEqualTo("http://127.0.0.1:8082");
        assertThat(defaults.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(defaults.operatorPassword()).isEqualTo("operator-pass");
        assertThat(defaults.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.warmUp()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.threads()).isEqualTo(2);

        LoadOptions given = LoadOptions.parse(
                new String[] {
                    "--auth-url=http://auth:9/", "--admin-url", "http://admin:9", "--bootstrap-servers=k:1",
                    "--operator-id=op", "--operator-password-env=OP_PW", "--duration=PT5S", "--users=8",
                    "--warm-up=PT0S", "--skip=kafka,four-clients"
                },
                Map.of("OP_PW", "s3cret-from-env")::get);
        assertThat(given.authUrl()).isEqualTo("http://auth:9");
        assertThat(given.adminUrl()).isEqualTo("http://admin:9");
        assertThat(given.bootstrapServers()).isEqualTo("k:1");
        assertThat(given.operatorId()).isEqualTo("op");
        assertThat(given.operatorPassword()).isEqualTo("s3cret-from-env");
        assertThat(given.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(given.users()).isEqualTo(8);
        assertThat(given.warmUp()).isZero();
        assertThat(given.skip()).containsExactlyInAnyOrder(Measurement.KAFKA, Measurement.FOUR_CLIENTS);
        assertThat(given.toString()).doesNotContain("s3cret-from-env");
    }

    @Test
    void badOptionsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--skip=disk"}, name -> null))
                .hasMessageContaining("disk");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--duration=PT0S"}, name -> null))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--warm-up=-PT1S"}, name -> null))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--operator-password=x"}, name -> null))
                .hasMessageContaining("unknown option");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(LoadDriver.run(new String[] {"--users=0"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isEqualTo(LoadDriver.BAD_ARGUMENTS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: LoadDriver");
    }

    @Test
    void anUnreachableStackEndsTheRunWithANonZeroExitBeforeMeasuringAnything() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = LoadDriver.run(
                new String[] {"--auth-url=http://127.0.0.1:1", "--admin-url=http://127.0.0.1:1", "--duration=PT1S"},
                new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(LoadDriver.UNREACHABLE);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("does not answer")
                .doesNotContain("raw issuance");
    }

    @Test
    void theRawIssuanceParsesAndVerifiesTheCsrAndSignsWithTheEcCa() throws Exception {
        LocalAuthority authority = LocalAuthority.generate(CaKeyAlgorithm.EC, Instant.now());
        String csr = LoadDriver.freshCsr();

        X509CertificateHolder certificate = new X509CertificateHolder(RawRates.issue(authority, csr));

        new JcaX509CertificateConverter().getCertificate(certificate).verify(authority.issuingPublicKey());
        assertThat(authority.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThatThrownBy(() -> RawRates.issue(
                        authority,
                        io.inkan.testsupport.Csrs.csrPemSignedByAnotherKey(io.inkan.testsupport.Csrs.p256())))
                .hasMessageContaining("does not verify");
    }

    @Test
    void theRawArgon2idIsOwaspsMinimumAsAuthServiceUsesIt() {
        assertThat(RawRates.ARGON2_MEMORY_KIB).isEqualTo(19 * 1024);
        assertThat(RawRates.ARGON2_ITERATIONS).isEqualTo(2);
        assertThat(RawRates.ARGON2_PARALLELISM).isEqualTo(1);
        assertThat(RawRates.argon2("password")).hasSize(32);
    }

    @Test
    void theRawMeasurementsRunOnceAndPrintTheirRows() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoadOptions options = LoadOptions.parse(
                new String[] {"--duration=PT0.2S", "--skip=kafka,one-client,four-clients"}, name -> null);
        assertThat(options.needsStack()).isFalse();

        int status = new LoadDriver(options, new PrintStream(out, true, StandardCharsets.UTF_8)).run();

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("1 raw issuance")
                .contains("2 raw Argon2id")
                .contains("summary: raw issuance");
        assertThat(EnumSet.allOf(Measurement.class)).hasSize(5);
    }
}

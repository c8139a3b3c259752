package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.Topics;
import io.inkan.frontend.Credentials;
import io.inkan.frontend.InkanFrontend;
import io.inkan.frontend.Outcome;
import io.inkan.testsupport.Csrs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A bank's front end and its operators, using what Inkan ships for them: the Java client library that
 * publishes sealed requests over Kafka, and the {@code inkan} command line (run as its own process).
 */
abstract class FrontEndScenarios extends SystemScenarios {

    @Override
    protected Map<String, String> properties() {
        return Map.of("inkan.issuance.mode", "SELF_SERVICE");
    }

    /** A contract with one user who has a login ID, known to auth-service. */
    private String userWithLoginId(String password) {
        String contractId = newContractId();
        String loginId = "suzuki" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        bank.registerContract(bank.operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contractId, "ADM01", "admin-pass-01");
        bank.registerUser(admin, contractId, "U001", loginId, password);
        bank.awaitToken(Map.of("realm", "user", "loginId", loginId, "password", password));
        return loginId;
    }

    @Scenario
    void theClientLibraryGetsACertificateOverKafkaAndHearsARefusal() throws Exception {
        String loginId = userWithLoginId("front-pass-01");
        try (InkanFrontend frontend = InkanFrontend.builder()
                .bootstrapServers(system().bootstrapServers())
                .authUrl(system().authUrl())
                .timeout(Duration.ofSeconds(60))
                .build()) {
            Outcome issued = frontend.submit(
                            Credentials.ofLoginId(loginId, "front-pass-01".toCharArray()), Csrs.csrPem(Csrs.p256()))
                    .get(90, TimeUnit.SECONDS);
            assertThat(issued).isInstanceOf(Outcome.Issued.class);
            String pem = ((Outcome.Issued) issued).pem();
            relyingParty.assertChainsToTheCa(pem);

            Outcome refused = frontend.submit(
                            Credentials.ofLoginId(loginId, "not-the-password".toCharArray()), Csrs.csrPem(Csrs.p256()))
                    .get(90, TimeUnit.SECONDS);
            assertThat(refused).isInstanceOf(Outcome.Refused.class);
            assertThat(((Outcome.Refused) refused).reason()).hasToString("UNAUTHENTICATED");
        }
    }

    @Scenario
    void theCommandLineRequestsACertificateAndWatchesTheTopics() throws Exception {
        String loginId = userWithLoginId("cli-pass-01");
        Path out = Files.createTempDirectory("inkan-cli");

        Run request = inkan(
                "cli-pass-01\nkeystore-pass\nkeystore-pass\n",
                "request",
                "--login-id",
                loginId,
                "--via",
                "kafka",
                "--bootstrap",
                system().bootstrapServers(),
                "--auth-url",
                system().authUrl(),
                "--out",
                out.toString());

        assertThat(request.exitCode())
                .as("inkan request said: %s", request.output())
                .isZero();
        String certificate = Files.readString(out.resolve("cert.pem"));
        relyingParty.assertChainsToTheCa(certificate);
        KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(out.resolve("cert.p12"))) {
            pkcs12.load(in, "keystore-pass".toCharArray());
        }
        String alias = pkcs12.aliases().nextElement();
        assertThat(pkcs12.isKeyEntry(alias)).isTrue();
        assertThat(((X509Certificate) pkcs12.getCertificate(alias)).getSerialNumber())
                .isEqualTo(io.inkan.system.stack.RelyingParty.certificate(certificate)
                        .getSerialNumber());
        // what the command line wrote is what a PC logs on with: mutual TLS with the key from cert.p12
        java.security.PrivateKey key = (java.security.PrivateKey) pkcs12.getKey(alias, "keystore-pass".toCharArray());
        assertThat(bank.certificateLogon(key, certificate, "cli-pass-01").status())
                .isEqualTo(200);

        String serial = io.inkan.system.stack.RelyingParty.certificate(certificate)
                .getSerialNumber()
                .toString(16);
        String line = watchUntil(
                serial, "watch", Topics.ISSUANCE, "--from-beginning", "--bootstrap", system().bootstrapServers());
        assertThat(line).contains("CertificateIssued").contains(serial);

        Run wrong = inkan(
                "not-the-password\nkeystore-pass\nkeystore-pass\n",
                "request",
                "--login-id",
                loginId,
                "--via",
                "http",
                "--auth-url",
                system().authUrl(),
                "--out",
                Files.createTempDirectory("inkan-cli-wrong").toString());
        assertThat(wrong.exitCode())
                .as("inkan request said: %s", wrong.output())
                .isEqualTo(3);
    }

    private record Run(int exitCode, String output) {}

    /** Runs {@code inkan watch} until a line names {@code expected}, then stops it as an operator would. */
    private static String watchUntil(String expected, String... arguments) throws Exception {
        Process process =
                new ProcessBuilder(command(arguments)).redirectErrorStream(true).start();
        process.getOutputStream().close();
        var found = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(
                    new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.contains(expected)) {
                        found.complete(line);
                    }
                }
                found.completeExceptionally(new AssertionError("inkan watch ended without naming " + expected));
            } catch (IOException e) {
                found.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            return found.get(60, TimeUnit.SECONDS);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.inkan.cli.Main"));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Runs {@code inkan} as an operator would: its own process, input on stdin, no terminal. */
    private static Run inkan(String input, String... arguments) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command(arguments)).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        byte[] output = process.getInputStream().readAllBytes();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        return new Run(done ? process.exitValue() : -1, new String(output, StandardCharsets.UTF_8));
    }
}

package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.system.stack.Bank;
import io.inkan.system.stack.InkanSystem;
import io.inkan.system.stack.RelyingParty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's quickstart, run as written: every {@code export} and {@code ./inkan} line of its marked block, in
 * order, each command its own process with the exported variables, against a running Inkan in the README's
 * default style. Only what differs between a developer's machine and a test is given from outside: where the
 * services listen ({@code INKAN_AUTH_URL} and the like, which the commands read) and what a person types at the
 * prompts. Then the user logs on with the {@code cert.p12} the quickstart left behind, and the operator's
 * commands run against the same system.
 */
final class QuickstartScenario {
    private static final Pattern BLOCK =
            Pattern.compile("<!-- quickstart:[^>]*-->\\s*```sh\\n(.*?)```\\s*<!-- /quickstart -->", Pattern.DOTALL);
    private static final Pattern EXPORT = Pattern.compile("([A-Z_]+)=(\\S+)");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");
    private static final String PASSPHRASE = "p12-passphrase";

    private final InkanSystem system;
    private final Bank bank;
    private final RelyingParty relyingParty;

    QuickstartScenario(InkanSystem system, Bank bank, RelyingParty relyingParty) {
        this.system = system;
        this.bank = bank;
        this.relyingParty = relyingParty;
    }

    void runAsWritten() throws Exception {
        List<String> lines = commandLines(Files.readString(Path.of("..", "README.md")));
        assertThat(lines).as("the quickstart's commands").anyMatch(line -> line.startsWith("./inkan request"));
        Path here = Files.createTempDirectory("inkan-quickstart");
        Map<String, String> environment = new HashMap<>(Map.of(
                "INKAN_AUTH_URL", system.authUrl(),
                "INKAN_ADMIN_URL", system.adminUrl(),
                "INKAN_ISSUANCE_URL", system.issuanceUrl(),
                "INKAN_BOOTSTRAP", system.bootstrapServers()));
        for (String line : lines) {
            if (line.startsWith("export ")) {
                Matcher assignment = EXPORT.matcher(line.substring("export ".length()));
                while (assignment.find()) {
                    environment.put(assignment.group(1), assignment.group(2));
                }
                continue;
            }
            List<String> words = words(line);
            assertThat(words.getFirst()).as("a quickstart line: %s", line).isEqualTo("./inkan");
            String input = "";
            if (words.contains("--admin")) {
                // a person reads the operator's answer before logging on as the new administrator: by then the
                // administrator has reached auth-service (their registration travels as an event)
                bank.awaitToken(Map.of(
                        "realm", "admin",
                        "contractId", value(words, "--contract"),
                        "adminId", value(words, "--admin"),
                        "password", environment.get(value(words, "--password-env"))));
            }
            if (words.get(1).equals("request")) {
                // a person takes longer than this to type the password: the user has reached auth-service by then
                bank.awaitToken(Map.of(
                        "realm", "user",
                        "contractId", value(words, "--contract"),
                        "userId", value(words, "--user"),
                        "password", environment.get("USER_PASSWORD")));
                input = environment.get("USER_PASSWORD") + "\n" + PASSPHRASE + "\n" + PASSPHRASE + "\n";
            }
            Run run = inkan(here, environment, input, words.subList(1, words.size()));
            assertThat(run.exitCode()).as("%s said: %s", line, run.output()).isZero();
            if (words.get(1).equals("user") && words.get(2).equals("list")) {
                assertThat(run.output()).as("the administrator's list").contains("ACTIVE");
            }
        }

        Path p12 = here.resolve("u001/cert.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, PASSPHRASE.toCharArray());
        }
        String alias = store.aliases().nextElement();
        String certificate = Files.readString(here.resolve("u001/cert.pem"));
        relyingParty.assertChainsToTheCa(certificate);
        PrivateKey key = (PrivateKey) store.getKey(alias, PASSPHRASE.toCharArray());
        assertThat(bank.certificateLogon(key, certificate, environment.get("USER_PASSWORD"))
                        .status())
                .as("certificate logon with the quickstart's cert.p12")
                .isEqualTo(200);

        theOperatorsWeeklyCommands(here, environment);
    }

    /**
     * Then the commands operators use every week, on what the quickstart made: what expires soon, the audit trail
     * checked, the dead letters listed, and a lost PC's certificate revoked, which {@code inkan verify} then sees.
     */
    private void theOperatorsWeeklyCommands(Path here, Map<String, String> environment) throws Exception {
        List<String> operator = List.of("--operator", "operator", "--password-env", "INKAN_PASSWORD");

        Run expiring = inkan(here, environment, "", concat(List.of("expiring", "--within", "P400D"), operator));
        assertThat(expiring.exitCode())
                .as("inkan expiring said: %s", expiring.output())
                .isZero();
        assertThat(expiring.output()).as("inkan expiring").contains("C0012345").contains("U001");

        Run audit =
                inkan(here, environment, "", concat(List.of("audit", "verify", "--contract", "C0012345"), operator));
        assertThat(audit.exitCode())
                .as("inkan audit verify said: %s", audit.output())
                .isZero();

        Run letters = inkan(here, environment, "", List.of("dlt", "list"));
        assertThat(letters.exitCode())
                .as("inkan dlt list said: %s", letters.output())
                .isZero();

        Run revoke = inkan(
                here,
                environment,
                "",
                concat(
                        List.of("revoke", "--contract", "C0012345", "--user", "U001", "--reason", "keyCompromise"),
                        operator));
        assertThat(revoke.exitCode())
                .as("inkan revoke said: %s", revoke.output())
                .isZero();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Run verify = inkan(here, environment, "", List.of("verify", "u001/cert.pem"));
                    assertThat(verify.exitCode())
                            .as("inkan verify after the revocation said: %s", verify.output())
                            .isEqualTo(3);
                    assertThat(verify.output()).containsIgnoringCase("revoked");
                });
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The block's lines, continuations joined and comments dropped. */
    private static List<String> commandLines(String readme) {
        Matcher block = BLOCK.matcher(readme);
        assertThat(block.find()).as("the README's marked quickstart block").isTrue();
        String joined = block.group(1).replace("\\\n", " ");
        List<String> lines = new ArrayList<>();
        for (String line : joined.split("\n")) {
            String command = line.replaceFirst("\\s+#.*$", "").strip();
            if (!command.isEmpty() && !command.startsWith("#")) {
                lines.add(command.replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(line);
        while (word.find()) {
            words.add(word.group(1) != null ? word.group(1) : word.group(2));
        }
        return words;
    }

    private static String value(List<String> words, String option) {
        return words.get(words.indexOf(option) + 1);
    }

    private record Run(int exitCode, String output) {}

    private static Run inkan(Path directory, Map<String, String> environment, String input, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.inkan.cli.Main"));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
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

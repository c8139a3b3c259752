package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InkanCommandLineTest {

    @Test
    void optionsTakeTheirValueEitherWayAndARepeatableOptionKeepsEveryValue() throws Exception {
        // --kafka-property twice, both spellings: both reach the client, the later one winning (exit 4: no broker)
        String closed = "127.0.0.1:" + closedPort();
        Run run = Run.inkan(
                "",
                "dlt",
                "list",
                "--topic=auth",
                "--bootstrap-servers",
                closed,
                "--kafka-property",
                "default.api.timeout.ms=1000",
                "--kafka-property=request.timeout.ms=1000");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
        assertThat(run.err()).contains("Kafka is not reachable at " + closed);
    }

    @Test
    void mistakesOnTheCommandLineAreUsageErrors() {
        Run unknown = Run.inkan("", "watch", "--nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option --nope", "Try 'inkan watch --help'.");

        Run noValue = Run.inkan("", "status", "r-1", "--auth-url");
        assertThat(noValue.exitCode()).isEqualTo(2);
        assertThat(noValue.err()).contains("--auth-url");

        Run twice = Run.inkan("", "request", "--contract", "a", "--contract=b", "--user", "U001");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("--contract is given twice");

        Run negative = Run.inkan("", "watch", "--limit", "-3");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--limit must be a positive whole number");
    }

    @Test
    void withoutACommandItShowsHowToUseItAndExits2() {
        Run run = Run.inkan("");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("usage: inkan <command>", "exit codes");

        Run help = Run.inkan("", "help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("inkan status REQUEST_ID");
    }

    @Test
    void anUnknownCommandOrIncompleteRequestExits2() {
        assertThat(Run.inkan("", "revoke").exitCode()).isEqualTo(2);

        Run noUser = Run.inkan("secret\n", "request", "--contract", "C001");
        assertThat(noUser.exitCode()).isEqualTo(2);
        assertThat(noUser.err()).contains("--contract and --user (or --login-id) are required");

        Run both = Run.inkan("secret\n", "request", "--contract", "C001", "--user", "U001", "--login-id", "taro");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --login-id or --contract and --user");

        Run via = Run.inkan("secret\n", "request", "--contract", "C001", "--user", "U001", "--via", "smtp");
        assertThat(via.exitCode()).isEqualTo(2);
    }

    @Test
    void requestRefusesToOverwriteEarlierFiles(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("cert.pem"), "an earlier certificate");
        Run run = Run.inkan(
                "secret\npassphrase\n", "request", "--contract", "C001", "--user", "U001", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cert.pem already exists");
        assertThat(Files.readString(out.resolve("cert.pem"))).isEqualTo("an earlier certificate");
    }

    @Test
    void anUnreachableServiceExits4WithItsAddress(@TempDir Path out) throws Exception {
        String closed = "http://127.0.0.1:" + closedPort();

        Run status = Run.inkan("", "status", "3f1c0c2e-8c4b-4a53-9d0f-0a7b6f3b2a10", "--auth-url", closed);
        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.err()).contains("auth-service is not reachable at " + closed);

        Run request = Run.inkan(
                "secret\npassphrase\n",
                Map.of("INKAN_AUTH_URL", closed),
                "request",
                "--contract",
                "C001",
                "--user",
                "U001",
                "--via",
                "http",
                "--out",
                out.toString());
        assertThat(request.exitCode()).isEqualTo(4);
        assertThat(request.err()).contains("auth-service is not reachable");
        assertThat(out.resolve("cert.p12")).doesNotExist();
    }

    @Test
    void theHelpListsTheOperatorCommandsAndEachHasItsOwnUsage() {
        Run help = Run.inkan("", "help");
        assertThat(help.out())
                .contains(
                        "dlt list [--topic T]",
                        "dlt replay --topic T (--all | [--partition P] --offset N)",
                        "outbox dead --jdbc-url URL",
                        "outbox replay --jdbc-url URL (--id N | --all)",
                        "stop the service first");

        Run dlt = Run.inkan("", "dlt", "--help");
        assertThat(dlt.exitCode()).isZero();
        assertThat(dlt.out()).contains("usage: inkan dlt list", "--kafka-config FILE", "--kafka-property NAME=VALUE");
        Run outbox = Run.inkan("", "outbox", "replay", "--help");
        assertThat(outbox.exitCode()).isZero();
        assertThat(outbox.out()).contains("usage: inkan outbox replay", "locked by the running service");

        assertThat(Run.inkan("", "dlt").exitCode()).isEqualTo(2);
        assertThat(Run.inkan("", "outbox", "purge").exitCode()).isEqualTo(2);
    }

    @Test
    void operatorCommandsRefuseIncompleteOrContradictoryOptions() {
        Run neither = Run.inkan("", "dlt", "replay", "--topic", "auth");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).contains("replay needs either --all or --offset N");

        Run negative = Run.inkan("", "dlt", "replay", "--topic", "auth", "--offset", "-1");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--offset must be a whole number from 0");

        Run both = Run.inkan("", "dlt", "list", "--bootstrap", "a:1", "--bootstrap-servers", "b:2");
        assertThat(both.exitCode()).isEqualTo(2);

        Run property = Run.inkan("", "dlt", "list", "--kafka-property", "security.protocol");
        assertThat(property.exitCode()).isEqualTo(2);
        assertThat(property.err()).contains("--kafka-property needs name=value");

        Run noConfig = Run.inkan("", "dlt", "list", "--kafka-config", "/nonexistent/kafka.properties");
        assertThat(noConfig.exitCode()).isEqualTo(2);
        assertThat(noConfig.err()).contains("no such file: /nonexistent/kafka.properties");

        Run outbox = Run.inkan("", "outbox", "replay", "--jdbc-url", "jdbc:h2:mem:x", "--id", "1", "--all");
        assertThat(outbox.exitCode()).isEqualTo(2);
        Run notJdbc = Run.inkan("", "outbox", "dead", "--jdbc-url", "postgres://db/auth");
        assertThat(notJdbc.exitCode()).isEqualTo(2);
    }

    @Test
    void aDatabasePasswordIsNeverTakenFromTheCommandLine() {
        Run onTheCommandLine = Run.inkan(
                "", "outbox", "dead", "--jdbc-url", "jdbc:postgresql://127.0.0.1/auth", "--password", "s3cret");
        assertThat(onTheCommandLine.exitCode()).isEqualTo(2);
        assertThat(onTheCommandLine.err()).contains("unknown option --password");

        Run unset = Run.inkan(
                "", "outbox", "dead", "--jdbc-url", "jdbc:postgresql://127.0.0.1/auth", "--password-env", "NOT_SET");
        assertThat(unset.exitCode()).isEqualTo(2);
        assertThat(unset.err()).contains("the environment variable NOT_SET (--password-env) is not set");
    }

    @Test
    void anUnreachableDatabaseExits4WithoutShowingTheUrlsParameters() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/auth?password=s3cret";
        Run run = Run.inkan("", "outbox", "dead", "--jdbc-url", url);
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("the database is not reachable at jdbc:postgresql://127.0.0.1:");
        assertThat(run.err()).doesNotContain("s3cret");
    }

    @Test
    void aMistypedH2PathIsNotCreatedButRefused(@TempDir Path dir) {
        Run run = Run.inkan("", "outbox", "dead", "--jdbc-url", "jdbc:h2:file:" + dir.resolve("no-such/db"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("there is no H2 database at");
        assertThat(dir.resolve("no-such")).doesNotExist();
    }

    @Test
    void verifyOfAMissingFileExits2() {
        Run run = Run.inkan("", "verify", "/nonexistent/cert.pem");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: /nonexistent/cert.pem");
    }

    @Test
    void everyCommandAndSubcommandHasItsHelpOnStandardOutput() {
        for (String command : List.of(
                "request",
                "watch",
                "status",
                "verify",
                "revoke",
                "expiring",
                "audit",
                "audit verify",
                "dlt",
                "dlt list",
                "dlt replay",
                "outbox",
                "outbox dead",
                "outbox replay",
                "completion")) {
            for (String help : List.of("--help", "-h")) {
                List<String> words = new ArrayList<>(List.of(command.split(" ")));
                words.add(help);
                Run run = Run.inkan("", words.toArray(String[]::new));
                assertThat(run.exitCode())
                        .as(command + " " + help + ": " + run.err())
                        .isZero();
                assertThat(run.out()).as(command).startsWith("usage: inkan " + command);
                assertThat(run.err()).isEmpty();
            }
        }
        Run help = Run.inkan("", "help", "expiring");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("usage: inkan expiring --within P40D", "exit codes: 0 listed");
    }

    @Test
    void theHelpNamesEachCommandsExitCodesAndTheCompletion() {
        assertThat(helpOf("revoke")).contains("exit codes: 0 accepted; 3 refused");
        assertThat(helpOf("audit", "verify")).contains("0 intact; 6 broken");
        assertThat(helpOf("request")).contains("5 no outcome in time");
        assertThat(helpOf())
                .contains("revoke --contract C --user U --reason REASON", "audit verify", "source <(inkan completion)");
    }

    /** The help, its lines joined as picocli wrapped them. */
    private static String helpOf(String... command) {
        List<String> words = new ArrayList<>(List.of(command));
        words.add("--help");
        return Run.inkan("", words.toArray(String[]::new)).out().replaceAll("\\s+", " ");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        for (String option : List.of("--version", "-V")) {
            Run run = Run.inkan("", option);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out().strip()).matches("inkan \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        }
    }

    @Test
    void completionPrintsABashScriptForEveryCommandAndOption() {
        Run run = Run.inkan("", "completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("#!/usr/bin/env bash")
                .contains("complete -F _complete_inkan", "revoke", "expiring", "--kafka-config", "keyCompromise");
    }

    @Test
    void anUnknownOptionNamesItButNotItsValue() {
        Run run = Run.inkan("", "expiring", "--within", "P40D", "--token=s3cret");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("unknown option --token", "Try 'inkan expiring --help'.")
                .doesNotContain("s3cret");
    }

    @Test
    void eventTypesAreShownByTheirShortName() {
        assertThat(EventLine.shortType("io.inkan.CertificateIssued.v1")).isEqualTo("CertificateIssued");
        assertThat(EventLine.shortType("io.inkan.CertificateIssued.v2")).isEqualTo("CertificateIssued");
        assertThat(EventLine.shortType("com.example.Other")).isEqualTo("com.example.Other");
        assertThat(EventLine.shortType(null)).isEqualTo("(no ce_type)");
    }

    static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

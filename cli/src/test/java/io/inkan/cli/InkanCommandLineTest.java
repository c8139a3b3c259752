package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InkanCommandLineTest {

    @Test
    void optionsTakeTheirValueEitherWayAndFlagsStandAlone() {
        Args args = Args.parse(
                List.of("--contract", "C001", "--user=U001", "--json", "topic-a", "--", "--not-an-option"),
                Set.of("contract", "user"),
                Set.of("json"));

        assertThat(args.required("contract")).isEqualTo("C001");
        assertThat(args.option("user")).isEqualTo("U001");
        assertThat(args.flag("json")).isTrue();
        assertThat(args.positional()).containsExactly("topic-a", "--not-an-option");
        assertThat(args.seconds("timeout", Duration.ofSeconds(7))).hasSeconds(7);
    }

    @Test
    void mistakesOnTheCommandLineAreUsageErrors() {
        Set<String> options = Set.of("contract", "limit");
        assertThatThrownBy(() -> Args.parse(List.of("--nope"), options, Set.of()))
                .hasMessage("unknown option --nope");
        assertThatThrownBy(() -> Args.parse(List.of("--contract"), options, Set.of()))
                .hasMessage("--contract needs a value");
        assertThatThrownBy(() -> Args.parse(List.of("--contract", "a", "--contract=b"), options, Set.of()))
                .hasMessage("--contract is given twice");
        assertThatThrownBy(() ->
                        Args.parse(List.of("--limit", "-3"), options, Set.of()).number("limit", 1))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("positive whole number");
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
    void verifyOfAMissingFileExits2() {
        Run run = Run.inkan("", "verify", "/nonexistent/cert.pem");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file: /nonexistent/cert.pem");
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

package io.inkan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inkan status REQUEST_ID}: what auth-service shows for a request. */
@Command(
        name = "status",
        customSynopsis = "inkan status REQUEST_ID [--auth-url URL]",
        description = "Shows a request's status (PENDING, ISSUED, REJECTED).",
        footer = {
            "",
            "exit codes: 0 shown (PENDING or ISSUED); 3 REJECTED, or no such request; 4 auth-service unreachable;"
                    + " 2 wrong command line"
        })
final class StatusCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "REQUEST_ID", description = "the request ID that inkan request printed")
    private String requestId;

    @Option(
            names = "--auth-url",
            paramLabel = "URL",
            description = "auth-service (default INKAN_AUTH_URL, else " + Inkan.DEFAULT_AUTH_URL + ")")
    private String authUrl;

    StatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String authUrl = Options.or(this.authUrl, terminal.env("INKAN_AUTH_URL", Inkan.DEFAULT_AUTH_URL));
        AuthApi.RequestStatus status = new AuthApi(authUrl).status(requestId);
        StringBuilder line = new StringBuilder(requestId).append("  ").append(status.status());
        if (status.reason() != null) {
            line.append("  reason=").append(status.reason());
        }
        if (status.issued() != null) {
            line.append("  serial=").append(status.issued().serialNumber());
            if (status.issued().notAfter() != null) {
                line.append("  notAfter=").append(status.issued().notAfter());
            }
            if (status.issued().subject() != null) {
                line.append("  subject=").append(status.issued().subject());
            }
        }
        terminal.out.println(line);
        if ("REJECTED".equals(status.status())) {
            terminal.err.println("inkan: rejected: " + Refusals.describe(String.valueOf(status.reason())));
            return ExitCode.REFUSED;
        }
        return ExitCode.OK;
    }
}

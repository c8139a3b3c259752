package io.inkan.cli;

import java.util.List;
import java.util.Set;

/** {@code inkan status REQUEST_ID}: what auth-service shows for a request. */
final class StatusCommand {
    private final Terminal terminal;

    StatusCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    int run(List<String> words) {
        Args args = Args.parse(words, Set.of("auth-url"), Set.of());
        if (args.positional().size() != 1) {
            throw CliFailure.usage("status needs exactly one REQUEST_ID");
        }
        String requestId = args.positional().getFirst();
        String authUrl = args.option("auth-url", terminal.env("INKAN_AUTH_URL", Inkan.DEFAULT_AUTH_URL));
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

package io.inkan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code inkan authorize}: the contract's administrator lets a user obtain one certificate
 * ({@code POST /api/v1/contracts/{cid}/users/{uid}/issuance-authorizations}), the step ADMIN_AUTHORIZED banks
 * require before a user's first certificate.
 */
@Command(
        name = "authorize",
        customSynopsis = "inkan authorize --contract C --user U --admin ID [--password-env VAR] [--auth-url URL]"
                + " [--admin-url URL]",
        description = {
            "Authorizes a user to obtain one certificate (発行), as the contract's administrator.",
            "Where the bank requires an acquisition code, it is printed once: hand it to the user by another way."
        },
        footer = {
            "",
            "exit codes: 0 authorized; 3 refused (wrong ID or password, another contract, no such user, a deleted"
                    + " user); 4 auth-service or admin-service unreachable; 2 wrong command line; 1 anything else"
        })
final class AuthorizeCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--contract", paramLabel = "C", required = true, description = "the contract ID")
    private String contract;

    @Option(names = "--user", paramLabel = "U", required = true, description = "the user ID")
    private String user;

    @Mixin
    private OperatorLogon logon;

    AuthorizeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String token = logon.token(terminal, contract);
        JsonNode answer = new AdminApi(logon.adminUrl(terminal), token)
                .post(
                        "/api/v1/contracts/" + AdminApi.segment(contract) + "/users/" + AdminApi.segment(user)
                                + "/issuance-authorizations",
                        "{}");
        terminal.out.println(contract + ":" + user + " may now obtain one certificate.");
        String code = Http.text(answer, "acquisitionCode");
        if (code != null) {
            // shown once, by design: admin-service keeps only a hash of it
            terminal.out.println("Acquisition code (shown once): " + code);
        }
        return ExitCode.OK;
    }
}

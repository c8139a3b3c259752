package io.inkan.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code inkan revoke}: 失効, every usable certificate of a user revoked with an RFC 5280 reason, through
 * admin-service ({@code POST /api/v1/contracts/{cid}/users/{uid}/revocation}).
 */
@Command(
        name = "revoke",
        customSynopsis = "inkan revoke --contract C --user U --reason REASON (--operator ID | --admin ID)"
                + " [--password-env VAR] [--auth-url URL] [--admin-url URL]",
        description = {
            "Revokes every usable certificate of a user (a lost or broken PC) with an RFC 5280 reason.",
            "REASON: keyCompromise, affiliationChanged, superseded, cessationOfOperation, privilegeWithdrawn or"
                    + " unspecified. Logs on as an operator or the contract's administrator; the password comes"
                    + " from --password-env or is asked for, never from the command line."
        },
        footer = {
            "",
            "exit codes: 0 accepted; 3 refused (wrong ID or password, not allowed, no such contract or user, a"
                    + " reason admin-service does not take); 4 auth-service or admin-service unreachable;"
                    + " 2 wrong command line; 1 anything else"
        })
final class RevokeCommand implements Callable<Integer> {
    /** For shell completion; admin-service decides which it takes. */
    static final class Reasons implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of(
                            "keyCompromise",
                            "affiliationChanged",
                            "superseded",
                            "cessationOfOperation",
                            "privilegeWithdrawn",
                            "unspecified")
                    .iterator();
        }
    }

    private final Terminal terminal;

    @Option(names = "--contract", paramLabel = "C", required = true, description = "the contract ID")
    private String contract;

    @Option(names = "--user", paramLabel = "U", required = true, description = "the user ID")
    private String user;

    @Option(
            names = "--reason",
            paramLabel = "REASON",
            required = true,
            completionCandidates = Reasons.class,
            description = "the RFC 5280 reason: ${COMPLETION-CANDIDATES}")
    private String reason;

    @Mixin
    private OperatorLogon logon;

    RevokeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        String token = logon.token(terminal, contract);
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("reason", reason);
        new AdminApi(logon.adminUrl(terminal), token)
                .post(
                        "/api/v1/contracts/" + AdminApi.segment(contract) + "/users/" + AdminApi.segment(user)
                                + "/revocation",
                        Http.JSON.writeValueAsString(body));
        terminal.out.println("Revocation of " + contract + ":" + user + " accepted (" + reason
                + "): every usable certificate of the user is revoked.");
        return ExitCode.OK;
    }
}

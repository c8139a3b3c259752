package io.inkan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code inkan user add|list}: a contract's administrator registers users and sees their certificates. */
@Command(name = "user", customSynopsis = "inkan user (add|list) ...", description = "A contract's users.")
final class UserCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    UserCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    CommandLine commandLine() {
        return new CommandLine(this).addSubcommand(new Add()).addSubcommand(new ListUsers());
    }

    @Override
    public Integer call() {
        return CommandLines.missingSubcommand(spec);
    }

    @Command(
            name = "add",
            customSynopsis = "inkan user add --contract C --user U --name NAME --email MAIL [--login-id ID]"
                    + " [--initial-password-env VAR] --admin ID [--password-env VAR] [--auth-url URL]"
                    + " [--admin-url URL]",
            description = {
                "Registers a user of the contract, as its administrator (POST /api/v1/contracts/{cid}/users).",
                "--login-id gives the user a login ID for SELF_SERVICE banks. The user's first password comes"
                        + " from --initial-password-env or is asked for after the administrator's own."
            },
            footer = {
                "",
                "exit codes: 0 registered; 3 refused (wrong ID or password, another contract, the user ID is taken"
                        + " or retired, a field admin-service does not take); 4 auth-service or admin-service"
                        + " unreachable; 2 wrong command line; 1 anything else"
            })
    final class Add implements Callable<Integer> {
        @Option(names = "--contract", paramLabel = "C", required = true, description = "the contract ID")
        private String contract;

        @Option(names = "--user", paramLabel = "U", required = true, description = "the new user's ID")
        private String user;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "the user's name")
        private String name;

        @Option(names = "--email", paramLabel = "MAIL", required = true, description = "where the user's mail goes")
        private String email;

        @Option(names = "--login-id", paramLabel = "ID", description = "a login ID (SELF_SERVICE banks)")
        private String loginId;

        @Mixin
        private InitialPassword initialPassword;

        @Mixin
        private OperatorLogon logon;

        @Override
        public Integer call() {
            String token = logon.token(terminal, contract);
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("userId", user);
            body.put("name", name);
            body.put("email", email);
            if (loginId != null) {
                body.put("loginId", loginId);
            }
            body.put("initialPassword", initialPassword.read(terminal, "user " + user));
            new AdminApi(logon.adminUrl(terminal), token)
                    .post(
                            "/api/v1/contracts/" + AdminApi.segment(contract) + "/users",
                            Http.JSON.writeValueAsString(body));
            terminal.out.println("User " + contract + ":" + user + " registered.");
            return ExitCode.OK;
        }
    }

    @Command(
            name = "list",
            customSynopsis = "inkan user list --contract C (--admin ID | --operator ID) [--json] [--password-env VAR]"
                    + " [--auth-url URL] [--admin-url URL]",
            description = "Lists the contract's users with their certificate, its notAfter and whether they are"
                    + " locked or deleted, as its administrator.",
            footer = {
                "",
                "exit codes: 0 listed; 3 refused (wrong ID or password, another contract); 4 auth-service or"
                        + " admin-service unreachable; 2 wrong command line; 1 anything else"
            })
    final class ListUsers implements Callable<Integer> {
        @Option(names = "--contract", paramLabel = "C", required = true, description = "the contract ID")
        private String contract;

        @Option(names = "--json", description = "print admin-service's answer as it is")
        private boolean json;

        @Mixin
        private OperatorLogon logon;

        @Override
        public Integer call() {
            String token = logon.token(terminal, contract);
            JsonNode answer = new AdminApi(logon.adminUrl(terminal), token)
                    .get("/api/v1/contracts/" + AdminApi.segment(contract) + "/users");
            if (json) {
                terminal.out.println(Http.JSON.writeValueAsString(answer));
                return ExitCode.OK;
            }
            for (JsonNode user : answer) {
                String state = user.path("deleted").asBoolean(false)
                        ? "deleted"
                        : user.path("locked").asBoolean(false) ? "locked" : "active";
                terminal.out.println(String.join(
                        "  ",
                        orDash(Http.text(user, "userId")),
                        orDash(Http.text(user, "name")),
                        state,
                        orDash(Http.text(user, "certificateStatus")),
                        orDash(Http.text(user, "serialNumber")),
                        orDash(Http.text(user, "notAfter"))));
            }
            return ExitCode.OK;
        }

        private static String orDash(String value) {
            return value == null ? "-" : value;
        }
    }
}

package io.inkan.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code inkan contract create}: a bank operator registers a corporate contract and its administrator. */
@Command(name = "contract", customSynopsis = "inkan contract create ...", description = "Corporate contracts.")
final class ContractCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    ContractCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    CommandLine commandLine() {
        return new CommandLine(this).addSubcommand(new Create());
    }

    @Override
    public Integer call() {
        return CommandLines.missingSubcommand(spec);
    }

    @Command(
            name = "create",
            customSynopsis = "inkan contract create --contract C --name NAME --administrator ID"
                    + " --administrator-name NAME --administrator-email MAIL [--initial-password-env VAR]"
                    + " --operator ID [--password-env VAR] [--auth-url URL] [--admin-url URL]",
            description = {
                "Registers a corporate contract and its administrator (管理者), as a bank operator"
                        + " (POST /api/v1/contracts).",
                "The administrator's first password comes from --initial-password-env or is asked for after the"
                        + " operator's own; without a terminal both are read as lines of standard input."
            },
            footer = {
                "",
                "exit codes: 0 created; 3 refused (wrong ID or password, not an operator, the contract exists, a"
                        + " field admin-service does not take); 4 auth-service or admin-service unreachable;"
                        + " 2 wrong command line; 1 anything else"
            })
    final class Create implements Callable<Integer> {
        @Option(names = "--contract", paramLabel = "C", required = true, description = "the contract ID")
        private String contract;

        @Option(names = "--name", paramLabel = "NAME", required = true, description = "the company's name")
        private String name;

        @Option(names = "--administrator", paramLabel = "ID", required = true, description = "the administrator's ID")
        private String administrator;

        @Option(
                names = "--administrator-name",
                paramLabel = "NAME",
                required = true,
                description = "the administrator's name")
        private String administratorName;

        @Option(
                names = "--administrator-email",
                paramLabel = "MAIL",
                required = true,
                description = "where the administrator's mail goes")
        private String administratorEmail;

        @Mixin
        private InitialPassword initialPassword;

        @Mixin
        private OperatorLogon logon;

        @Override
        public Integer call() {
            if (logon.admin != null) {
                throw CliFailure.usage("a contract is created by a bank operator: log on with --operator ID");
            }
            String token = logon.token(terminal, null);
            ObjectNode body = Http.JSON.createObjectNode();
            body.put("contractId", contract);
            body.put("name", name);
            ObjectNode admin = body.putObject("administrator");
            admin.put("adminId", administrator);
            admin.put("name", administratorName);
            admin.put("email", administratorEmail);
            admin.put("initialPassword", initialPassword.read(terminal, "administrator " + administrator));
            new AdminApi(logon.adminUrl(terminal), token).post("/api/v1/contracts", Http.JSON.writeValueAsString(body));
            terminal.out.println("Contract " + contract + " created; its administrator is " + administrator + ".");
            return ExitCode.OK;
        }
    }
}

package io.inkan.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code inkan} command: picocli parses the command line and dispatches to a subcommand; every failure
 * becomes a message on standard error and an {@link ExitCode}.
 */
@Command(
        name = "inkan",
        customSynopsis = "inkan <command> [options]",
        description = {
            "Requests and checks client certificates, follows the topics and, for operators, revokes, lists what"
                    + " expires soon, verifies the audit trail and re-drives dead letters and dead outbox events.",
            "'inkan help COMMAND' or 'inkan COMMAND --help' shows a command's options and exit codes."
        },
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Defaults come from INKAN_BOOTSTRAP (127.0.0.1:9092), INKAN_AUTH_URL (http://127.0.0.1:8081),"
                    + " INKAN_ADMIN_URL (http://127.0.0.1:8082) and INKAN_ISSUANCE_URL (http://127.0.0.1:8083)."
                    + " Without a terminal, passwords and the passphrase are read as lines of standard input.",
            "",
            "Shell completion (bash, zsh): source <(inkan completion)",
            "",
            "exit codes: 0 done (also when there was nothing to list or replay); 1 unexpected failure;"
                    + " 2 wrong command line; 3 refused by Inkan (wrong ID or password, locked, rejected, revoked,"
                    + " unknown request, not allowed) or not there (a topic, a dead-letter offset, a dead outbox id,"
                    + " a contract or user); 4 a service, Kafka or the database unreachable (or an H2 database in use);"
                    + " 5 no outcome in time (the request may still complete: inkan status REQUEST_ID);"
                    + " 6 the audit trail is broken (inkan audit verify)"
        })
final class Inkan implements Callable<Integer> {
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    static final String DEFAULT_AUTH_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_ADMIN_URL = "http://127.0.0.1:8082";
    static final String DEFAULT_ISSUANCE_URL = "http://127.0.0.1:8083";

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    Inkan(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Without a command: how to use it, on standard error, as a usage error. */
    @Override
    public Integer call() {
        return CommandLines.missingSubcommand(spec);
    }

    int run(String... argv) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(terminal.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(terminal.err, StandardCharsets.UTF_8), true);
        try {
            return commandLine(out, err).execute(argv);
        } finally {
            out.flush();
            err.flush();
            terminal.out.flush();
            terminal.err.flush();
        }
    }

    private CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine inkan = new CommandLine(this)
                .addSubcommand(new RequestCommand(terminal))
                .addSubcommand(new WatchCommand(terminal))
                .addSubcommand(new StatusCommand(terminal))
                .addSubcommand(new VerifyCommand(terminal))
                .addSubcommand(new ContractCommand(terminal).commandLine())
                .addSubcommand(new UserCommand(terminal).commandLine())
                .addSubcommand(new AuthorizeCommand(terminal))
                .addSubcommand(new RevokeCommand(terminal))
                .addSubcommand(new ExpiringCommand(terminal))
                .addSubcommand(new AuditCommand(terminal).commandLine())
                .addSubcommand(new DltCommand(terminal).commandLine())
                .addSubcommand(new OutboxCommand(terminal).commandLine())
                .addSubcommand(new CommandLine.HelpCommand())
                .addSubcommand("completion", new Completion());
        CommandLines.configure(inkan, out, err);
        return inkan;
    }

    /** {@code inkan completion}: picocli's bash (and zsh) completion script for every command and option. */
    @Command(
            name = "completion",
            hidden = false,
            description = "Prints a bash completion script for inkan: source <(inkan completion), or save it as"
                    + " /etc/bash_completion.d/inkan. Exit code 0.")
    static final class Completion extends AutoComplete.GenerateCompletion {}
}

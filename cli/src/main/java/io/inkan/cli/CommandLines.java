package io.inkan.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What every inkan command shares on top of picocli: {@code --help}/{@code -h} and {@code --version}/{@code -V},
 * "usage:" headings, the top-level command list, and the mapping of failures to messages and {@link ExitCode}s
 * (picocli's own defaults would print a stack trace for a failure and exit 1).
 */
final class CommandLines {
    private static final int WIDTH = 100;

    private CommandLines() {}

    static void configure(CommandLine root, PrintWriter out, PrintWriter err) {
        root.setOut(out);
        root.setErr(err);
        root.setParameterExceptionHandler(CommandLines::usageError);
        root.setExecutionExceptionHandler((failure, command, parsed) -> failed(failure, command));
        everyCommand(root, command -> {
            CommandSpec spec = command.getCommandSpec();
            if (spec.findOption("--help") == null) {
                spec.mixinStandardHelpOptions(true);
            }
            spec.versionProvider(CommandLines::version);
            spec.usageMessage()
                    .synopsisHeading("usage: ")
                    .abbreviateSynopsis(false)
                    .width(WIDTH);
        });
        root.getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandLines::commandList);
    }

    /** A command that needs a subcommand shows its usage on standard error and exits as a usage error. */
    static int missingSubcommand(CommandSpec spec) {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The version Maven wrote into version.properties when it built the jar. */
    static String[] version() {
        Properties properties = new Properties();
        try (InputStream in = CommandLines.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {"inkan " + properties.getProperty("version", "(unknown version)")};
    }

    private static int usageError(CommandLine.ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("inkan: " + describe(failure));
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
        return ExitCode.USAGE;
    }

    private static String describe(CommandLine.ParameterException failure) {
        CommandSpec spec = failure.getCommandLine().getCommandSpec();
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().getFirst();
            if (first.startsWith("-") && first.length() > 1) {
                // the name only: a value given with '=' may be a secret (--password=...)
                return "unknown option " + first.split("=", 2)[0];
            }
            if (!spec.subcommands().isEmpty()) {
                return "unknown command '" + (spec.qualifiedName() + " " + first).replaceFirst("^inkan ", "") + "'";
            }
            return "unexpected argument '" + first + "'";
        }
        if (failure instanceof CommandLine.OverwrittenOptionException overwritten
                && overwritten.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given twice";
        }
        return failure.getMessage();
    }

    private static int failed(Exception failure, CommandLine command) {
        PrintWriter err = command.getErr();
        if (failure instanceof CliFailure cli) {
            err.println("inkan: " + cli.getMessage());
            if (cli.exitCode() == ExitCode.USAGE) {
                err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
            }
            return cli.exitCode();
        }
        err.println("inkan: failed: " + failure);
        return ExitCode.FAILED;
    }

    /** Each command with its synopsis and what it does, the subcommands of dlt, outbox and audit included. */
    private static String commandList(CommandLine.Help help) {
        StringBuilder text = new StringBuilder();
        for (CommandLine command : help.commandSpec().subcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.usageMessage().hidden()) {
                continue;
            }
            List<CommandLine> leaves = spec.subcommands().values().stream()
                    .filter(sub -> !sub.getCommandSpec().helpCommand())
                    .toList();
            for (CommandLine leaf : leaves.isEmpty() ? List.of(command) : leaves) {
                CommandSpec shown = leaf.getCommandSpec();
                String[] synopsis = shown.usageMessage().customSynopsis();
                String line = synopsis.length > 0
                        ? synopsis[0].replaceFirst("^inkan ", "")
                        : shown.helpCommand() ? shown.name() + " [COMMAND]" : shown.name();
                text.append("  ").append(line).append('\n');
                // picocli's own help command says what it does in its header
                String[] header = shown.usageMessage().header();
                String[] description =
                        header.length > 0 ? header : shown.usageMessage().description();
                if (description.length > 0) {
                    wrap(description[0].replace("%n", ""), "      ", text);
                }
            }
        }
        return text.toString();
    }

    private static void wrap(String words, String indent, StringBuilder text) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : words.split("\\s+")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
                text.append(line).append('\n');
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        text.append(line).append('\n');
    }

    private static void everyCommand(CommandLine command, java.util.function.Consumer<CommandLine> action) {
        action.accept(command);
        for (CommandLine sub : new ArrayList<>(command.getSubcommands().values())) {
            everyCommand(sub, action);
        }
    }
}

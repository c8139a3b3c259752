package io.inkan.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the tool talks and listens: standard output for results, standard error for progress and
 * failures, the console for secrets (not echoed). Without a console (a pipe, a script, a test) a secret
 * is read as one line of standard input.
 */
final class Terminal {
    final PrintStream out;
    final PrintStream err;
    private final Console console;
    private final BufferedReader in;
    private final Map<String, String> environment;

    Terminal(InputStream in, PrintStream out, PrintStream err, Console console, Map<String, String> environment) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.err = err;
        this.console = console;
        this.environment = environment;
    }

    static Terminal system() {
        return new Terminal(System.in, System.out, System.err, interactiveConsole(), System.getenv());
    }

    /** An environment variable, or {@code fallback}. */
    String env(String name, String fallback) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    boolean interactive() {
        return console != null;
    }

    /** Reads a secret without echo; never null, may be empty. */
    char[] readSecret(String prompt) {
        if (console != null) {
            char[] secret = console.readPassword("%s", prompt);
            if (secret == null) {
                throw CliFailure.usage("no input (end of file)");
            }
            return secret;
        }
        err.print(prompt);
        err.flush();
        try {
            String line = in.readLine();
            err.println();
            if (line == null) {
                throw CliFailure.usage("no input for '" + prompt.strip() + "' (end of standard input)");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The console when the tool talks to a person. Since JDK 22 {@code System.console()} may return a
     * console even when standard input is a pipe; {@code isTerminal()} (JDK 22+) tells them apart.
     */
    private static Console interactiveConsole() {
        Console console = System.console();
        if (console == null) {
            return null;
        }
        try {
            Object terminal = Console.class.getMethod("isTerminal").invoke(console);
            return Boolean.TRUE.equals(terminal) ? console : null;
        } catch (ReflectiveOperationException e) {
            return console; // JDK 21: a console is only returned for a terminal
        }
    }
}

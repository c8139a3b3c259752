package io.inkan.cli;

import picocli.CommandLine.Option;

/**
 * The first password of someone the command creates (an administrator, a user), from the environment variable
 * named by {@code --initial-password-env} or asked for without echo; never from the command line, where
 * {@code ps} shows it. admin-service checks it and seals it to auth-service. A picocli mixin.
 */
final class InitialPassword {
    @Option(
            names = "--initial-password-env",
            paramLabel = "VAR",
            description =
                    "the environment variable holding the new account's first password (else it is asked" + " for)")
    String variable;

    /** The password, read once; asked for after the logon password when both are prompted. */
    String read(Terminal terminal, String whose) {
        char[] password;
        if (variable != null) {
            String value = terminal.env(variable, null);
            if (value == null) {
                throw CliFailure.usage("the environment variable " + variable + " (--initial-password-env) is not set");
            }
            password = value.toCharArray();
        } else {
            password = terminal.readSecret("First password for " + whose + ": ");
        }
        if (password.length == 0) {
            throw CliFailure.usage("the first password is empty");
        }
        return new String(password);
    }
}

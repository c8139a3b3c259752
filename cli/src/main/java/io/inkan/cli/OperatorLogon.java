package io.inkan.cli;

import picocli.CommandLine.Option;

/**
 * How an operator command logs on: as a bank operator ({@code --operator ID}) or a contract's administrator
 * ({@code --admin ID} with the command's {@code --contract}), with a password taken from the environment
 * variable named by {@code --password-env} or asked for without echo; never from the command line, where
 * {@code ps} shows it. The bearer token goes only into the Authorization header. A picocli mixin.
 */
final class OperatorLogon {
    @Option(names = "--operator", paramLabel = "ID", description = "log on as this bank operator")
    String operator;

    @Option(
            names = "--admin",
            paramLabel = "ID",
            description = "log on as this administrator of the contract given with --contract")
    String admin;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "the environment variable holding the password (else it is asked for)")
    String passwordEnv;

    @Option(
            names = "--auth-url",
            paramLabel = "URL",
            description = "auth-service, where one logs on (default" + " INKAN_AUTH_URL, else " + Inkan.DEFAULT_AUTH_URL
                    + ")")
    String authUrl;

    @Option(
            names = "--admin-url",
            paramLabel = "URL",
            description = "admin-service (default INKAN_ADMIN_URL, else " + Inkan.DEFAULT_ADMIN_URL + ")")
    String adminUrl;

    /** admin-service's address. */
    String adminUrl(Terminal terminal) {
        return Options.or(adminUrl, terminal.env("INKAN_ADMIN_URL", Inkan.DEFAULT_ADMIN_URL));
    }

    /** Logs on and returns the bearer token; {@code contractId} is the contract an administrator acts on. */
    String token(Terminal terminal, String contractId) {
        if ((operator == null) == (admin == null)) {
            throw CliFailure.usage("log on with either --operator ID or --admin ID");
        }
        if (admin != null && contractId == null) {
            throw CliFailure.usage("--admin needs --contract: an administrator acts on their own contract");
        }
        AuthApi.Logon logon = operator != null
                ? new AuthApi.Logon("operator", null, operator)
                : new AuthApi.Logon("admin", contractId, admin);
        char[] password;
        if (passwordEnv != null) {
            String value = terminal.env(passwordEnv, null);
            if (value == null) {
                throw CliFailure.usage("the environment variable " + passwordEnv + " (--password-env) is not set");
            }
            password = value.toCharArray();
        } else {
            password = terminal.readSecret("Password for " + logon.realm() + " " + logon.id() + ": ");
        }
        if (password.length == 0) {
            throw CliFailure.usage("the password is empty");
        }
        String auth = Options.or(authUrl, terminal.env("INKAN_AUTH_URL", Inkan.DEFAULT_AUTH_URL));
        return new AuthApi(auth).logOn(logon, password);
    }
}

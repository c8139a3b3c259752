package io.inkan.cli;

import java.util.Arrays;
import java.util.List;

/** The {@code inkan} command: dispatches to a subcommand and turns every failure into a message and an exit code. */
final class Inkan {
    static final String DEFAULT_BOOTSTRAP = "127.0.0.1:9092";
    static final String DEFAULT_AUTH_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_ISSUANCE_URL = "http://127.0.0.1:8083";

    static final String USAGE = """
            usage: inkan <command> [options]

              request --contract C --user U | --login-id L
                      [--via kafka|http] [--auth-url URL] [--bootstrap HOST:PORT] [--out DIR] [--timeout SECONDS]
                  Makes an EC P-256 key and a CSR, asks for the password, submits the request, waits for
                  the outcome and writes DIR/cert.pem, DIR/chain.pem and DIR/cert.p12 (asks for its passphrase).
              watch [TOPIC ...] [--json] [--from-beginning] [--limit N] [--bootstrap HOST:PORT]
                  Follows the topics (default: all five; 'admin', 'auth', ... are short for inkan.<name>.events)
                  and prints one line per event: time, type, key, key fields. --json prints each record as JSON.
              status REQUEST_ID [--auth-url URL]
                  Shows a request's status (PENDING, ISSUED, REJECTED).
              verify CERT.pem [--issuance-url URL]
                  Checks the certificate against the CA chain and asks the OCSP responder whether it is good.
              help
                  Shows this text.

            For operators (inkan dlt --help, inkan outbox --help for the details):
              dlt list [--topic T] [--json] [--bootstrap-servers HOST:PORT]
                  Lists the records on the dead-letter topics (<topic>-dlt): where from, type, ce_id, key,
                  when and why. Never their values.
              dlt replay --topic T (--all | [--partition P] --offset N) [--bootstrap-servers HOST:PORT]
                  Sends dead letters back to their topic with their ce_id and key; --all sends each once.
                  Both take --kafka-config FILE and --kafka-property NAME=VALUE for a TLS or SASL broker.
              outbox dead --jdbc-url URL [--user U] [--password-env VAR] [--json]
                  Lists the events a service's outbox set aside because Kafka refused them for good.
              outbox replay --jdbc-url URL (--id N | --all) [--user U] [--password-env VAR]
                  Moves them back into the outbox; the running service sends them. On the services'
                  embedded H2 database, stop the service first (it locks the file); PostgreSQL needs no stop.

            Defaults come from INKAN_BOOTSTRAP (127.0.0.1:9092), INKAN_AUTH_URL (http://127.0.0.1:8081) and
            INKAN_ISSUANCE_URL (http://127.0.0.1:8083). Without a terminal, the password and the passphrase
            are read as lines of standard input.

            exit codes: 0 done (also when there was nothing to list or replay); 1 unexpected failure;
            2 wrong command line; 3 refused by Inkan (wrong ID or password, locked, rejected, revoked, unknown
            request) or not there (a topic, a dead-letter offset, a dead outbox id); 4 a service, Kafka or the
            database unreachable (or an H2 database in use); 5 no outcome in time (the request may still
            complete: inkan status REQUEST_ID)
            """;

    private final Terminal terminal;

    Inkan(Terminal terminal) {
        this.terminal = terminal;
    }

    int run(String... argv) {
        if (argv.length == 0) {
            terminal.err.print(USAGE);
            return ExitCode.USAGE;
        }
        String command = argv[0];
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        try {
            return switch (command) {
                case "request" -> new RequestCommand(terminal).run(rest);
                case "watch" -> new WatchCommand(terminal).run(rest);
                case "status" -> new StatusCommand(terminal).run(rest);
                case "verify" -> new VerifyCommand(terminal).run(rest);
                case "dlt" -> new DltCommand(terminal).run(rest);
                case "outbox" -> new OutboxCommand(terminal).run(rest);
                case "help", "--help", "-h" -> {
                    terminal.out.print(USAGE);
                    yield ExitCode.OK;
                }
                default -> throw CliFailure.usage("unknown command '" + command + "'");
            };
        } catch (CliFailure failure) {
            terminal.err.println("inkan: " + failure.getMessage());
            if (failure.exitCode() == ExitCode.USAGE) {
                terminal.err.println("Try 'inkan help'.");
            }
            return failure.exitCode();
        } catch (RuntimeException unexpected) {
            terminal.err.println("inkan: failed: " + unexpected);
            return ExitCode.FAILED;
        } finally {
            terminal.out.flush();
            terminal.err.flush();
        }
    }
}

package io.inkan.cli;

import io.inkan.frontend.Credentials;
import io.inkan.frontend.FrontendUnavailableException;
import io.inkan.frontend.InkanFrontend;
import io.inkan.frontend.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inkan request}: a new key and CSR made here, the password and the PKCS#12 passphrase asked
 * for (not echoed), the request submitted over Kafka (through the front-end client) or HTTP, progress
 * shown while it is PENDING, and the certificate, its chain and the PKCS#12 written.
 */
@Command(
        name = "request",
        customSynopsis = "inkan request --contract C --user U | --login-id L [--via kafka|http] [--auth-url URL]"
                + " [--out DIR] [--timeout SECONDS] [KAFKA]",
        description = {
            "Makes an EC P-256 key and a CSR, asks for the password, submits the request, waits for the outcome"
                    + " and writes DIR/cert.pem, DIR/chain.pem and DIR/cert.p12 (asks for its passphrase).",
            "Without a terminal, the password and the passphrase are read as lines of standard input."
        },
        footer = {
            "",
            "exit codes: 0 issued; 2 wrong command line (or the files exist already); 3 refused or rejected"
                    + " (wrong ID or password, locked, not authorized ...); 4 auth-service or Kafka unreachable;"
                    + " 5 no outcome in time (it may still complete: inkan status REQUEST_ID); 1 anything else"
        })
final class RequestCommand implements Callable<Integer> {
    static final String CERTIFICATE_FILE = "cert.pem";
    static final String CHAIN_FILE = "chain.pem";
    static final String PKCS12_FILE = "cert.p12";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Terminal terminal;

    @Option(names = "--contract", paramLabel = "C", description = "the contract ID (with --user)")
    private String contract;

    @Option(names = "--user", paramLabel = "U", description = "the user ID (with --contract)")
    private String user;

    @Option(
            names = "--login-id",
            paramLabel = "L",
            description = "the user's login ID, instead of --contract and --user")
    private String loginId;

    @Option(
            names = "--via",
            paramLabel = "kafka|http",
            description = "how the request goes: over Kafka (the front-end client; default) or auth-service's HTTP API")
    private String via;

    @Option(
            names = "--auth-url",
            paramLabel = "URL",
            description = "auth-service (default INKAN_AUTH_URL, else " + Inkan.DEFAULT_AUTH_URL + ")")
    private String authUrl;

    @Option(
            names = "--acquisition-code",
            paramLabel = "CODE",
            description = "the one-time acquisition code the contract administrator was given with the authorization,"
                    + " where the bank requires one")
    private String acquisitionCode;

    @Option(names = "--out", paramLabel = "DIR", description = "where the files go (default: here)")
    private String out;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "how long to wait for the outcome (default 120)")
    private String timeoutSeconds;

    @Mixin
    private KafkaConnection.Options kafkaOptions;

    RequestCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        if (loginId != null && (contract != null || user != null)) {
            throw CliFailure.usage("give either --login-id or --contract and --user, not both");
        }
        if (loginId == null && (contract == null || user == null)) {
            throw CliFailure.usage("--contract and --user (or --login-id) are required");
        }
        String via = Options.or(this.via, "kafka");
        if (!via.equals("kafka") && !via.equals("http")) {
            throw CliFailure.usage("--via must be kafka or http, not '" + via + "'");
        }
        String authUrl = Options.or(this.authUrl, terminal.env("INKAN_AUTH_URL", Inkan.DEFAULT_AUTH_URL));
        KafkaConnection kafka = kafkaOptions.connect(terminal);
        Duration timeout = Duration.ofSeconds(Options.positive("timeout", timeoutSeconds, 120));
        Path out = Path.of(Options.or(this.out, "."));
        Path certificateFile = out.resolve(CERTIFICATE_FILE);
        Path chainFile = out.resolve(CHAIN_FILE);
        Path pkcs12File = out.resolve(PKCS12_FILE);
        for (Path file : List.of(certificateFile, chainFile, pkcs12File)) {
            if (Files.exists(file)) {
                throw CliFailure.usage(file + " already exists; choose another --out directory");
            }
        }

        String who = loginId != null ? loginId : contract + ":" + user;
        char[] password = terminal.readSecret("Password for " + who + ": ");
        char[] passphrase = null;
        Credentials credentials = null;
        try {
            if (password.length == 0) {
                throw CliFailure.usage("the password is empty");
            }
            credentials = loginId != null
                    ? Credentials.ofLoginId(loginId, password)
                    : Credentials.ofUser(contract, user, password);
            if (acquisitionCode != null) {
                Credentials withoutCode = credentials;
                credentials = withoutCode.withAcquisitionCode(acquisitionCode);
                withoutCode.clear();
            }
            passphrase = askPassphrase(pkcs12File);

            KeyMaterial key = KeyMaterial.newP256();
            String csr = key.csrPem(loginId != null ? loginId : contract + user);
            Outcome outcome = via.equals("kafka")
                    ? overKafka(kafka, authUrl, timeout, credentials, csr)
                    : overHttp(authUrl, timeout, credentials, csr);
            return finish(outcome, key, passphrase, out, certificateFile, chainFile, pkcs12File);
        } finally {
            Arrays.fill(password, '\0');
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
            if (credentials != null) {
                credentials.clear();
            }
        }
    }

    /** Asked before submitting, so that a mistyped passphrase cannot cost the issued certificate's key. */
    private char[] askPassphrase(Path pkcs12File) {
        String prompt = "Passphrase to protect " + pkcs12File.getFileName() + ": ";
        while (true) {
            char[] passphrase = terminal.readSecret(prompt);
            if (passphrase.length == 0) {
                if (!terminal.interactive()) {
                    throw CliFailure.usage("the PKCS#12 passphrase is empty");
                }
                terminal.err.println("The passphrase must not be empty.");
                continue;
            }
            if (!terminal.interactive()) {
                return passphrase;
            }
            char[] again = terminal.readSecret("Repeat the passphrase: ");
            boolean same = Arrays.equals(passphrase, again);
            Arrays.fill(again, '\0');
            if (same) {
                return passphrase;
            }
            Arrays.fill(passphrase, '\0');
            terminal.err.println("The passphrases differ; try again.");
        }
    }

    private Outcome overKafka(
            KafkaConnection kafka, String authUrl, Duration timeout, Credentials credentials, String csr) {
        InkanFrontend.Builder builder = InkanFrontend.builder()
                .bootstrapServers(kafka.bootstrap())
                .authUrl(authUrl)
                .timeout(timeout);
        kafka.settings().forEach(builder::kafkaProperty);
        try (InkanFrontend client = builder.build()) {
            String requestId = InkanFrontend.newRequestId();
            CompletableFuture<Outcome> outcome = client.submit(requestId, credentials, csr);
            terminal.err.println("Request " + requestId + " goes over Kafka (" + kafka.bootstrap() + ").");
            Progress progress = new Progress(terminal);
            while (true) {
                try {
                    Outcome result = outcome.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    progress.done();
                    return result;
                } catch (TimeoutException stillPending) {
                    progress.tick();
                } catch (ExecutionException e) {
                    progress.done();
                    throw failure(requestId, timeout, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliFailure(ExitCode.FAILED, "interrupted");
                }
            }
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage(e.getMessage());
        }
    }

    private static CliFailure failure(String requestId, Duration timeout, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new CliFailure(
                    ExitCode.TIMED_OUT,
                    "no outcome for request " + requestId + " within " + timeout.toSeconds()
                            + "s; it may still complete: inkan status " + requestId);
        }
        if (cause instanceof FrontendUnavailableException unavailable) {
            return CliFailure.unreachable(unavailable.getMessage(), unavailable);
        }
        return new CliFailure(ExitCode.FAILED, "request " + requestId + " failed: " + cause, cause);
    }

    private Outcome overHttp(String authUrl, Duration timeout, Credentials credentials, String csr) {
        AuthApi auth = new AuthApi(authUrl);
        String requestId = auth.submit(credentials, csr);
        terminal.err.println("Request " + requestId + " accepted by auth-service (" + authUrl + ").");
        Instant deadline = Instant.now().plus(timeout);
        Progress progress = new Progress(terminal);
        while (true) {
            AuthApi.RequestStatus status = auth.status(requestId);
            switch (status.status()) {
                case "ISSUED" -> {
                    progress.done();
                    if (status.issued() == null || status.issued().pem() == null) {
                        throw new CliFailure(
                                ExitCode.FAILED, "request " + requestId + " is ISSUED but no certificate was shown");
                    }
                    return status.issued();
                }
                case "REJECTED" -> {
                    progress.done();
                    return new Outcome.Rejected(requestId, status.reason(), null);
                }
                default -> {
                    if (Instant.now().isAfter(deadline)) {
                        progress.done();
                        throw failure(requestId, timeout, new TimeoutException());
                    }
                    progress.tick();
                    sleep(POLL);
                }
            }
        }
    }

    private int finish(
            Outcome outcome,
            KeyMaterial key,
            char[] passphrase,
            Path out,
            Path certificateFile,
            Path chainFile,
            Path pkcs12File) {
        return switch (outcome) {
            case Outcome.Refused refused ->
                throw CliFailure.refused(
                        "request " + refused.requestId() + " refused: " + Refusals.describe(refused.reason()));
            case Outcome.Rejected rejected ->
                throw CliFailure.refused("request " + rejected.requestId() + " rejected: "
                        + Refusals.describe(String.valueOf(rejected.reason()))
                        + (rejected.detail() != null ? " (" + rejected.detail() + ")" : ""));
            case Outcome.Issued issued -> {
                try {
                    Files.createDirectories(out);
                    Files.writeString(certificateFile, issued.pem(), StandardCharsets.US_ASCII);
                    Files.writeString(
                            chainFile, issued.chainPem() == null ? "" : issued.chainPem(), StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new CliFailure(ExitCode.FAILED, "cannot write to " + out + ": " + e.getMessage(), e);
                }
                key.writePkcs12(pkcs12File, issued.pem(), issued.chainPem(), passphrase);
                terminal.out.println("Issued certificate " + issued.serialNumber()
                        + (issued.subject() != null ? " (" + issued.subject() + ")" : "")
                        + (issued.notAfter() != null ? ", valid until " + issued.notAfter() : ""));
                terminal.out.println("  certificate: " + certificateFile);
                terminal.out.println("  chain:       " + chainFile);
                terminal.out.println("  PKCS#12:     " + pkcs12File);
                yield ExitCode.OK;
            }
        };
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCode.FAILED, "interrupted");
        }
    }

    /** "PENDING" with the seconds waited: one updated line on a terminal, a dot per second otherwise. */
    private static final class Progress {
        private final Terminal terminal;
        private final Instant started = Instant.now();
        private boolean shown;

        Progress(Terminal terminal) {
            this.terminal = terminal;
        }

        void tick() {
            long seconds = Duration.between(started, Instant.now()).toSeconds();
            if (terminal.interactive()) {
                terminal.err.print("\rPENDING " + seconds + "s ");
            } else {
                terminal.err.print(shown ? "." : "PENDING .");
            }
            terminal.err.flush();
            shown = true;
        }

        void done() {
            if (shown) {
                terminal.err.println();
                shown = false;
            }
        }
    }
}

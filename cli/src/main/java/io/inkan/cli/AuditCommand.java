package io.inkan.cli;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code inkan audit verify}: whether an audit trail is unchanged since it was written. */
@Command(
        name = "audit",
        customSynopsis = "inkan audit verify [--contract C] (--operator ID | --admin ID) [--password-env VAR]",
        description = "The audit trail: who did what, and when.")
final class AuditCommand implements Callable<Integer> {
    private static final int PAGE_SIZE = 500;

    private final Terminal terminal;

    @Spec
    private CommandSpec spec;

    AuditCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    CommandLine commandLine() {
        return new CommandLine(this).addSubcommand(new VerifyTrail());
    }

    @Override
    public Integer call() {
        return CommandLines.missingSubcommand(spec);
    }

    @Command(
            name = "verify",
            customSynopsis = "inkan audit verify [--contract C] (--operator ID | --admin ID) [--password-env VAR]"
                    + " [--auth-url URL] [--admin-url URL]",
            description = {
                "Checks the audit trail's hash chain (a contract's, or the bank's own) and names the first entry"
                        + " that was altered, removed or reordered.",
                "Fetches the whole trail and recomputes every entry's SHA-256 link here, so it trusts neither the"
                        + " database nor admin-service's word; for a contract it also asks admin-service to check"
                        + " the trail against its recorded head, which finds entries cut off at the end."
            },
            footer = {
                "",
                "exit codes: 0 intact; 6 broken (the message names the entry); 3 refused (wrong ID or password,"
                        + " not allowed, no such contract); 4 auth-service or admin-service unreachable;"
                        + " 2 wrong command line; 1 anything else"
            })
    final class VerifyTrail implements Callable<Integer> {
        @Option(names = "--contract", paramLabel = "C", description = "this contract's trail (default: the bank's)")
        String contract;

        @Mixin
        OperatorLogon logon;

        @Override
        public Integer call() {
            String token = logon.token(terminal, contract);
            AdminApi admin = new AdminApi(logon.adminUrl(terminal), token);
            String base =
                    contract == null ? "/api/v1/audit" : "/api/v1/contracts/" + AdminApi.segment(contract) + "/audit";
            List<AuditChain.Entry> entries = trail(admin, base);
            String trailName = contract == null ? "the bank's audit trail" : "the audit trail of " + contract;
            String broken = AuditChain.firstBreak(entries);
            if (broken == null && contract != null) {
                broken = serverCheck(admin, base);
            }
            if (broken != null) {
                terminal.out.println("BROKEN  " + trailName + ": " + broken);
                throw new CliFailure(ExitCode.BROKEN, trailName + " is broken: " + broken);
            }
            terminal.out.println("intact  " + trailName + ": " + entries.size() + " entr"
                    + (entries.size() == 1 ? "y" : "ies") + ", every hash recomputed and linked");
            return ExitCode.OK;
        }

        /**
         * Every entry, oldest first. The trail is listed newest first and may grow while it is read, which shifts
         * the pages: reading goes on until an empty page and keeps each sequence once.
         */
        private List<AuditChain.Entry> trail(AdminApi admin, String base) {
            TreeMap<Long, AuditChain.Entry> bySequence = new TreeMap<>();
            for (int page = 0; ; page++) {
                JsonNode answer = admin.get(base + "?page=" + page + "&size=" + PAGE_SIZE);
                String trailContract = Http.text(answer, "contractId");
                JsonNode entries = answer.get("entries");
                if (entries == null || entries.isEmpty()) {
                    break;
                }
                for (JsonNode entry : entries) {
                    JsonNode actor = entry.get("actor");
                    AuditChain.Entry parsed = new AuditChain.Entry(
                            trailContract,
                            entry.get("sequence").asLong(),
                            Instant.parse(Http.text(entry, "occurredAt")),
                            Http.text(actor, "realm"),
                            Http.text(actor, "id"),
                            Http.text(entry, "action"),
                            Http.text(entry, "target"),
                            Http.text(entry, "outcome"),
                            Http.text(entry, "detail"),
                            Http.text(entry, "previousHash"),
                            Http.text(entry, "hash"));
                    bySequence.putIfAbsent(parsed.sequence(), parsed);
                }
            }
            return new ArrayList<>(bySequence.values());
        }

        /** admin-service's own check against the chain's head; null when intact or when it offers none. */
        private String serverCheck(AdminApi admin, String base) {
            HttpResponse<String> response =
                    admin.send(admin.request(base + "/verification").GET());
            if (response.statusCode() == 404 || response.statusCode() == 405) {
                return null; // an admin-service without the route: the client-side check stands alone
            }
            JsonNode verification = AdminApi.answer(response);
            JsonNode valid = verification.get("valid");
            if (valid == null || valid.asBoolean()) {
                return null;
            }
            return "admin-service finds entry " + Http.text(verification, "brokenAtSequence") + " broken: "
                    + Http.text(verification, "problem");
        }
    }
}

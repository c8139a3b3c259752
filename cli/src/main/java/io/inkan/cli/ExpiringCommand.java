package io.inkan.cli;

import io.inkan.events.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code inkan expiring}: the usable certificates whose notAfter falls within a period, soonest first, of
 * one contract ({@code GET /api/v1/contracts/{cid}/certificates?expiringWithin=}) or of all
 * ({@code GET /api/v1/certificates?expiringWithin=}, operators only), as a table.
 */
@Command(
        name = "expiring",
        customSynopsis = "inkan expiring --within P40D [--contract C] [--page N --size M] [--json]"
                + " (--operator ID | --admin ID) [--password-env VAR] [--auth-url URL] [--admin-url URL]",
        description = {
            "Lists the certificates that expire within a period (ISO 8601: P40D), soonest first.",
            "Of one contract (an operator or its administrator), or of all contracts (operators), one page at a"
                    + " time: contract, user, name, serial, notAfter and whether a renewal is waiting."
        },
        footer = {
            "",
            "exit codes: 0 listed (also when none expire); 3 refused (wrong ID or password, not allowed, no such"
                    + " contract); 4 auth-service or admin-service unreachable; 2 wrong command line;"
                    + " 1 anything else"
        })
final class ExpiringCommand implements Callable<Integer> {
    private static final List<String> HEADINGS =
            List.of("CONTRACT", "USER", "NAME", "SERIAL", "NOT AFTER", "RENEWAL WAITING");

    private final Terminal terminal;

    @Option(names = "--within", paramLabel = "PERIOD", required = true, description = "ISO 8601 period, e.g. P40D")
    private String within;

    @Option(names = "--contract", paramLabel = "C", description = "only this contract (needed with --admin)")
    private String contract;

    @Option(names = "--page", paramLabel = "N", description = "the page, from 0")
    private String page;

    @Option(names = "--size", paramLabel = "M", description = "certificates per page")
    private String size;

    @Option(names = "--json", description = "print admin-service's answer as it is")
    private boolean json;

    @Mixin
    private OperatorLogon logon;

    ExpiringCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        checkPeriod(within);
        StringBuilder query = new StringBuilder("?expiringWithin=").append(AdminApi.query(within));
        if (page != null) {
            query.append("&page=").append(Options.nonNegative("page", page, Integer.MAX_VALUE));
        }
        if (size != null) {
            query.append("&size=").append(Options.positive("size", size, 0));
        }
        String path = contract == null
                ? "/api/v1/certificates"
                : "/api/v1/contracts/" + AdminApi.segment(contract) + "/certificates";
        String token = logon.token(terminal, contract);
        JsonNode answer = new AdminApi(logon.adminUrl(terminal), token).get(path + query);
        if (json) {
            terminal.out.println(Http.JSON.writeValueAsString(answer));
            return ExitCode.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        JsonNode items = answer.get("items");
        if (items != null) {
            for (JsonNode item : items) {
                rows.add(List.of(
                        orDash(Http.text(item, "contractId")),
                        orDash(Http.text(item, "userId")),
                        orDash(Http.text(item, "name")),
                        orDash(Http.text(item, "serialNumber")),
                        orDash(Http.text(item, "notAfter")),
                        item.has("renewalWaiting") && item.get("renewalWaiting").asBoolean() ? "yes" : "no"));
            }
        }
        if (!rows.isEmpty()) {
            printTable(rows);
        }
        terminal.err.println(rows.size() + " certificate(s) expiring within " + within
                + (contract != null ? " on contract " + contract : "")
                + " (page " + orDash(Http.text(answer, "page")) + ", size " + orDash(Http.text(answer, "size"))
                + ", total " + orDash(Http.text(answer, "total")) + ")");
        return ExitCode.OK;
    }

    /** A period as admin-service takes it (P40D, P1M, PT12H); checked here so a typo is a usage error. */
    private static void checkPeriod(String text) {
        try {
            Span.valueOf(text); // the one parser every service uses
        } catch (IllegalArgumentException e) {
            throw CliFailure.usage("--within must be an ISO 8601 period such as P40D, not '" + text + "'");
        }
    }

    private void printTable(List<List<String>> rows) {
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : concat(rows)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : concat(rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            terminal.out.println(line.toString().stripTrailing());
        }
    }

    private static List<List<String>> concat(List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(HEADINGS);
        all.addAll(rows);
        return all;
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}

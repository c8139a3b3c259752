package io.inkan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator commands against a real HTTP server standing in for auth-service and admin-service (the
 * revocation and expiring routes are not merged yet): the test checks what reaches the wire (method, path,
 * bearer token, body) and what the operator sees. The audit trail it serves was hashed by admin-service's own
 * AuditChain (the hashes below were computed with io.inkan.admin.audit.AuditChain.hash).
 */
class OperatorCommandsIT {
    private static final String TOKEN = "eyJ-operator-token";
    private static final String PASSWORD = "operator-pass";

    /** Contract C0012345's trail as admin-service lists it, newest first. */
    private static final String TRAIL = """
            {"contractId":"C0012345","page":%d,"size":500,"totalEntries":3,"entries":[
             {"sequence":3,"occurredAt":"2026-11-03T11:45:10.123Z","actor":{"realm":"admin","id":"A001"},
              "action":"ISSUANCE_AUTHORIZED","target":"U001","outcome":"SUCCESS","detail":"serial=4f2a",
              "previousHash":"37c5a30fbf07441390e6b8b566727d1dd61e0af017220b7e13213301c454130b",
              "hash":"c0a2c23a2ac147f5c42f1bb67619641b890ce9e930992d216cb01837693cb720"},
             {"sequence":2,"occurredAt":"2026-11-02T10:30:00Z","actor":{"realm":"admin","id":"A001"},
              "action":"USER_ADDED","target":"U001","outcome":"SUCCESS","detail":"%s",
              "previousHash":"d4517f5eda9c12d981ed34ae7c0b26b372747d15fa979ddd0bb90a60cff0e9ec",
              "hash":"37c5a30fbf07441390e6b8b566727d1dd61e0af017220b7e13213301c454130b"},
             {"sequence":1,"occurredAt":"2026-11-01T09:00:00Z","actor":{"realm":"operator","id":"operator"},
              "action":"CONTRACT_CREATED","target":"C0012345","outcome":"SUCCESS","detail":null,
              "previousHash":"0000000000000000000000000000000000000000000000000000000000000000",
              "hash":"d4517f5eda9c12d981ed34ae7c0b26b372747d15fa979ddd0bb90a60cff0e9ec"}]}
            """;

    private static final String EXPIRING = """
            {"items":[
              {"contractId":"C0012345","userId":"U001","name":"Yamada Taro","serialNumber":"4f2a",
               "notAfter":"2026-12-20T00:00:00Z","renewalWaiting":false},
              {"contractId":"C0099999","userId":"U007","name":"Sato Hanako","serialNumber":"9b1c",
               "notAfter":"2026-12-31T00:00:00Z","renewalWaiting":true}],
             "page":1,"size":2,"total":4}
            """;

    record Seen(String method, String target, String authorization, String body) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile String auditDetail = "loginId=taro";
    private HttpServer server;
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestURI().toString();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        seen.add(new Seen(exchange.getRequestMethod(), target, authorization, body));
        boolean bearer = ("Bearer " + TOKEN).equals(authorization);
        int status;
        String answer;
        if (target.equals("/api/v1/tokens")) {
            JsonNode logon = Http.JSON.readTree(body);
            boolean right = "operator".equals(Http.text(logon, "realm"))
                    && "operator".equals(Http.text(logon, "operatorId"))
                    && PASSWORD.equals(Http.text(logon, "password"));
            status = right ? 200 : 401;
            answer = right
                    ? "{\"accessToken\":\"" + TOKEN + "\",\"tokenType\":\"Bearer\",\"expiresIn\":900}"
                    : "{\"status\":401,\"code\":\"UNAUTHENTICATED\"}";
        } else if (!bearer) {
            status = 401;
            answer = "{\"status\":401,\"code\":\"UNAUTHENTICATED\"}";
        } else if (target.equals("/api/v1/contracts/C0012345/users/U001/revocation")) {
            status = 202;
            answer = "";
        } else if (target.startsWith("/api/v1/contracts/C0000000/")) {
            status = 404;
            answer = "{\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"no such contract\"}";
        } else if (target.startsWith("/api/v1/certificates?")
                || target.startsWith("/api/v1/contracts/C0012345/certificates?")) {
            status = 200;
            answer = EXPIRING;
        } else if (target.startsWith("/api/v1/contracts/C0012345/audit?page=0&")) {
            status = 200;
            answer = TRAIL.formatted(0, auditDetail);
        } else if (target.startsWith("/api/v1/contracts/C0012345/audit?page=")) {
            status = 200;
            answer = "{\"contractId\":\"C0012345\",\"page\":1,\"size\":500,\"totalEntries\":3,\"entries\":[]}";
        } else {
            status = 404;
            answer = "{\"status\":404,\"code\":\"NOT_FOUND\"}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Run inkan(String stdin, String... args) {
        return Run.inkan(
                stdin, Map.of("INKAN_AUTH_URL", url, "INKAN_ADMIN_URL", url, "OPERATOR_PASSWORD", PASSWORD), args);
    }

    @Test
    void revokeLogsOnAndPostsTheReasonWithTheOperatorsToken() {
        Run run = inkan(
                "",
                "revoke",
                "--contract",
                "C0012345",
                "--user",
                "U001",
                "--reason",
                "keyCompromise",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Revocation of C0012345:U001 accepted (keyCompromise)");
        Seen revocation = seen.getLast();
        assertThat(revocation.method()).isEqualTo("POST");
        assertThat(revocation.target()).isEqualTo("/api/v1/contracts/C0012345/users/U001/revocation");
        assertThat(revocation.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(Http.text(Http.JSON.readTree(revocation.body()), "reason")).isEqualTo("keyCompromise");
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void revokeTakesThePasswordFromThePromptButNeverFromTheCommandLine() {
        Run prompted = inkan(
                PASSWORD + "\n",
                "revoke",
                "--contract",
                "C0012345",
                "--user",
                "U001",
                "--reason",
                "superseded",
                "--operator",
                "operator");
        assertThat(prompted.exitCode()).as(prompted.err()).isZero();
        assertThat(prompted.err()).contains("Password for operator operator:");

        Run argument = inkan(
                "",
                "revoke",
                "--contract",
                "C0012345",
                "--user",
                "U001",
                "--reason",
                "superseded",
                "--operator",
                "operator",
                "--password",
                PASSWORD);
        assertThat(argument.exitCode()).isEqualTo(2);
        assertThat(argument.err()).contains("unknown option --password").doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordOrAnUnknownContractIsRefusedWith3AndNothingIsRevoked() {
        Run wrong = inkan(
                "not-the-password\n",
                "revoke",
                "--contract",
                "C0012345",
                "--user",
                "U001",
                "--reason",
                "keyCompromise",
                "--operator",
                "operator");
        assertThat(wrong.exitCode()).isEqualTo(3);
        assertThat(wrong.err()).contains("UNAUTHENTICATED");
        assertThat(seen).noneMatch(request -> request.target().endsWith("/revocation"));

        Run unknown = inkan(
                "",
                "revoke",
                "--contract",
                "C0000000",
                "--user",
                "U001",
                "--reason",
                "keyCompromise",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("admin-service answered 404", "no such contract");
    }

    @Test
    void expiringPrintsATableOfThePageAskedFor() {
        Run run = inkan(
                "",
                "expiring",
                "--within",
                "P40D",
                "--page",
                "1",
                "--size",
                "2",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Seen list = seen.getLast();
        assertThat(list.method()).isEqualTo("GET");
        assertThat(list.target()).isEqualTo("/api/v1/certificates?expiringWithin=P40D&page=1&size=2");
        assertThat(list.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(run.out().lines().toList())
                .containsExactly(
                        "CONTRACT  USER  NAME         SERIAL  NOT AFTER             RENEWAL WAITING",
                        "C0012345  U001  Yamada Taro  4f2a    2026-12-20T00:00:00Z  no",
                        "C0099999  U007  Sato Hanako  9b1c    2026-12-31T00:00:00Z  yes");
        assertThat(run.err()).contains("2 certificate(s) expiring within P40D (page 1, size 2, total 4)");
    }

    @Test
    void expiringOfOneContractAsksItsRouteAndJsonPrintsTheAnswer() {
        Run run = inkan(
                "",
                "expiring",
                "--within",
                "P40D",
                "--contract",
                "C0012345",
                "--json",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(seen.getLast().target()).isEqualTo("/api/v1/contracts/C0012345/certificates?expiringWithin=P40D");
        assertThat(Http.JSON.readTree(run.out()).get("total").asInt()).isEqualTo(4);

        Run typo = inkan("", "expiring", "--within", "40 days", "--operator", "operator");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("--within must be an ISO 8601 period");
    }

    @Test
    void auditVerifyRecomputesTheChainAndNamesAnAlteredEntry() {
        Run intact = inkan(
                "",
                "audit",
                "verify",
                "--contract",
                "C0012345",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");
        assertThat(intact.exitCode()).as(intact.err()).isZero();
        assertThat(intact.out()).contains("intact", "3 entries");

        // someone with database access changed what entry 2 says the administrator did
        auditDetail = "loginId=mallory";
        Run tampered = inkan(
                "",
                "audit",
                "verify",
                "--contract",
                "C0012345",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");
        assertThat(tampered.exitCode()).isEqualTo(6);
        assertThat(tampered.out()).contains("BROKEN", "entry 2 (2026-11-02T10:30:00Z, USER_ADDED U001 by admin A001)");
        assertThat(tampered.err()).contains("does not match its hash");
    }

    @Test
    void anUnreachableAdminServiceExits4() throws Exception {
        String closed = "http://127.0.0.1:" + InkanCommandLineTest.closedPort();
        Run run = Run.inkan(
                "",
                Map.of("INKAN_AUTH_URL", url, "INKAN_ADMIN_URL", closed, "OPERATOR_PASSWORD", PASSWORD),
                "expiring",
                "--within",
                "P40D",
                "--operator",
                "operator",
                "--password-env",
                "OPERATOR_PASSWORD");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("admin-service is not reachable at " + closed);
    }
}

package io.inkan.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.AccountLocked;
import io.inkan.events.Realm;
import io.inkan.events.UserRegistered;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/v1/notifications} shows a customer's mail address, serial numbers and mail subjects. The attacks,
 * over real HTTP against the real filter chain: reading a user's mails without a token, with a forged one, as another
 * contract's administrator, as an administrator who names no contract, or as a user. Only an operator and the
 * contract's own administrator read them.
 */
class NotificationsAccessIT extends NotificationIT {
    private static String contract;
    private static String user;
    private static String address;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A user of one contract who was sent a mail (their account was locked). */
    @BeforeEach
    void aUserWithAMail() {
        if (contract != null) {
            return;
        }
        contract = unique("n");
        user = unique("u");
        address = user + "@example.jp";
        publish(new UserRegistered(contract, user, "山田花子", address, "ja", null, "c2VhbGVk", "kanri", now()));
        publish(new AccountLocked(Realm.USER, contract, user, 5, now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mails(operatorToken()).body().contains(address));
    }

    @Test
    void withoutATokenIs401WithABearerChallengeAndNoMailData() throws Exception {
        HttpResponse<String> response = mails(null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertProblem(response, "UNAUTHENTICATED");
        assertThat(response.body()).doesNotContain(address);
    }

    @Test
    void aForgedOrForeignTokenIs401() throws Exception {
        long at = now().getEpochSecond();
        String otherIssuer = TOKENS.sign("{\"iss\":\"someone-else\",\"sub\":\"operator\",\"realm\":\"operator\","
                + "\"roles\":[\"OPERATOR\"],\"iat\":" + at + ",\"exp\":" + (at + 900) + "}");
        String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJvcGVyYXRvciIsInJlYWxtIjoib3BlcmF0b3IifQ.";

        for (String token : new String[] {otherIssuer, unsigned}) {
            HttpResponse<String> response = mails(token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).doesNotContain(address);
        }
    }

    @Test
    void anotherContractsAdministratorIs403() throws Exception {
        HttpResponse<String> response = mails(TOKENS.administrator(unique("x"), "kanri", now()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, "FORBIDDEN");
        assertThat(response.body()).doesNotContain(address);
    }

    @Test
    void anAdministratorWhoNamesNoContractIs403() throws Exception {
        HttpResponse<String> response =
                get("/api/v1/notifications?userId=" + user, TOKENS.administrator(contract, "kanri", now()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, "FORBIDDEN");
    }

    @Test
    void aUserTokenIs403EvenForTheUsersOwnMails() throws Exception {
        HttpResponse<String> response = mails(TOKENS.user(contract, user, now()));

        assertThat(response.statusCode()).isEqualTo(403);
        assertProblem(response, "FORBIDDEN");
    }

    @Test
    void theContractsAdministratorAndAnOperatorRead200() throws Exception {
        for (String token : new String[] {TOKENS.administrator(contract, "kanri", now()), operatorToken()}) {
            HttpResponse<String> response = mails(token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains(address).contains("ACCOUNT_LOCKED");
        }
    }

    @Test
    void anUnknownRouteIsAProblemWithACode404OutsideApiAnd401UnderIt() throws Exception {
        HttpResponse<String> nowhere = get("/no/such/route", null);
        HttpResponse<String> underApi = get("/api/v1/no-such-route", null);

        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertProblem(nowhere, "NOT_FOUND");
        assertThat(nowhere.body())
                .contains("\"type\":\"urn:inkan:problem:not-found\"")
                .contains("\"title\":\"Not Found\"")
                .contains("\"status\":404")
                .contains("\"detail\":")
                .contains("\"instance\":\"/no/such/route\"");
        assertThat(underApi.statusCode()).isEqualTo(401);
        assertProblem(underApi, "UNAUTHENTICATED");
        assertThat(underApi.body())
                .contains("\"type\":\"urn:inkan:problem:unauthenticated\"")
                .contains("\"status\":401")
                .contains("\"instance\":\"/api/v1/no-such-route\"");
    }

    @Test
    void operationsRoutesNeedNoTokenAndUnknownRoutesAre404Or401() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isIn(200, 503);
        HttpResponse<String> nowhere = get("/no/such/route", null);
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(get("/api/v1/no-such-route", null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> mails(String token) throws Exception {
        return get("/api/v1/notifications?contractId=" + contract + "&userId=" + user, token);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"code\":\"" + code + "\"");
    }
}

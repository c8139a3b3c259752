package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateRejected;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.testsupport.Csrs;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The processing screen without polling (docs/contract.md §4): {@code GET /api/v1/certificate-requests/{id}?wait=}
 * answers as soon as the outcome is recorded, or when the wait is over, over real HTTP through the service's filter
 * chain (an async dispatch), with the outcome arriving on the real issuance topic. On PostgreSQL, so the wake-up
 * travels by NOTIFY; {@link WaitAcrossInstancesIT} has the instance that records it be another one, and
 * {@link WaitOnTheEmbeddedDatabaseIT} the embedded H2.
 */
class WaitForOutcomeIT extends IntegrationTestBase {
    private static final String PASSWORD = "Kaede-Pass-31";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aWaitingGetAnswersIssuedAsSoonAsTheCertificateIsRecorded() throws Exception {
        String contract = registeredUser("U001", PASSWORD);
        KeyPair key = Csrs.p256();
        String requestId = submit(contract, "U001", key);

        long waiting = waiting();
        long askedAt = System.nanoTime();
        CompletableFuture<HttpResponse<String>> answer = getAsync(requestId, "PT10S");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == waiting + 1);
        assertThat(answer).isNotDone();

        IssuedForTest cert = issue(key, contract, "U001", CLOCK.instant().plus(Duration.ofDays(365)));
        publishIssued(requestId, contract, "U001", cert);
        long publishedAt = System.nanoTime();

        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        long answeredAt = System.nanoTime();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asString()).isEqualTo("ISSUED");
        assertThat(body.path("certificate").path("pem").asString()).isEqualTo(cert.pem());
        // the consumer's round trip and the NOTIFY, not a polling interval and far less than the wait
        assertThat(Duration.ofNanos(answeredAt - publishedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(Duration.ofNanos(answeredAt - askedAt)).isLessThan(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting() == waiting);
    }

    @Test
    void aWaitingGetAnswersRejectedAtOnceAndALaterWaitOnTheDecidedRequestAnswersWithoutWaiting() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        String requestId = submit(contract, "U002", Csrs.p256());

        long waiting = waiting();
        CompletableFuture<HttpResponse<String>> answer = getAsync(requestId, "PT10S");
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == waiting + 1);
        publish(new CertificateRejected(
                requestId, contract, "U002", RejectionReason.NOT_AUTHORIZED, "no authorization", CLOCK.instant()));
        long publishedAt = System.nanoTime();

        HttpResponse<String> response = answer.get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - publishedAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("REJECTED");
        assertThat(JSON.readTree(response.body()).path("reason").asString()).isEqualTo("NOT_AUTHORIZED");

        long askedAgainAt = System.nanoTime();
        HttpResponse<String> again = getAsync(requestId, "PT10S").get(15, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - askedAgainAt)).isLessThan(Duration.ofSeconds(1));
        assertThat(again.body()).isEqualTo(response.body());
    }

    @Test
    void withNothingHappeningTheWaitEndsWithPendingWhenItIsOverAndNotBefore() throws Exception {
        String contract = registeredUser("U003", PASSWORD);
        String requestId = submit(contract, "U003", Csrs.p256());

        // the same read without a wait first, so that what is timed below is the wait and not a cold start
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                                + "/api/v1/certificate-requests/" + requestId))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        long askedAt = System.nanoTime();
        HttpResponse<String> response = getAsync(requestId, "PT1S").get(15, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - askedAt);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asString()).isEqualTo("PENDING");
        assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1_800));
        // the waiter left with its answer
        assertThat(waiting()).isZero();
    }

    @Test
    void aWaitThatIsNotADurationOrLongerThanThirtySecondsIsRefused() throws Exception {
        String contract = registeredUser("U004", PASSWORD);
        String requestId = submit(contract, "U004", Csrs.p256());

        for (String wait : new String[] {"PT31S", "P1D", "soon", "-PT1S", ""}) {
            HttpResponse<String> response = getAsync(requestId, wait).get(15, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(wait + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(JSON.readTree(response.body()).path("code").asString()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(getAsync(requestId, "PT0S").get(15, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
    }

    private String submit(String contract, String userId, KeyPair key) throws Exception {
        var accepted = post(
                "/api/v1/certificate-requests",
                Map.of("contractId", contract, "userId", userId, "password", PASSWORD, "csr", Csrs.csrPem(key)));
        assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
        return json(accepted).path("requestId").asString();
    }

    private void publishIssued(String requestId, String contract, String userId, IssuedForTest cert) {
        publish(olderIssuedEvent(requestId, contract, userId, RequestKind.NEW, cert, null, CLOCK.instant()));
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String requestId, String wait) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/certificate-requests/" + requestId + "?wait="
                + java.net.URLEncoder.encode(wait, java.nio.charset.StandardCharsets.UTF_8));
        return HTTP.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long waiting() {
        return Math.round(meters.get("inkan.auth.requests.waiting").gauge().value());
    }
}

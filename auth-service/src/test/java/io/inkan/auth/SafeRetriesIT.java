package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.events.CertificateRejected;
import io.inkan.events.RejectionReason;
import io.inkan.events.RequestKind;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A front end that never got the answer to its POST retries it (docs/contract.md §4): it gets the first
 * request back, with or without an Idempotency-Key, and no second request starts.
 */
class SafeRetriesIT extends IntegrationTestBase {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSWORD = "Kaede-Pass-31";
    private static final String REQUESTED = "io.inkan.CertificateRequested.v1";

    private MvcResult request(String contract, String userId, String password, String csr, String idempotencyKey)
            throws Exception {
        var post = MockMvcRequestBuilders.post("/api/v1/certificate-requests")
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(
                        Map.of("contractId", contract, "userId", userId, "password", password, "csr", csr)));
        if (idempotencyKey != null) {
            post.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(post).andReturn();
    }

    private static String requestId(MvcResult accepted) throws Exception {
        assertThat(accepted.getResponse().getStatus())
                .as(accepted.getResponse().getContentAsString())
                .isEqualTo(202);
        return json(accepted).path("requestId").asString();
    }

    private static long requestsOf(TopicProbe probe, String contract, String userId) {
        return probe.drain(Duration.ofSeconds(2)).stream()
                .filter(r -> REQUESTED.equals(TopicProbe.header(r, "ce_type")))
                .filter(r -> (contract + ":" + userId).equals(r.key()))
                .count();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAndBodyAnswersTheFirstRequestAndPublishesNothingMore() throws Exception {
        String contract = registeredUser("U001", PASSWORD);
        String csr = Csrs.csrPem(Csrs.p256());

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            MvcResult first = request(contract, "U001", PASSWORD, csr, "retry-key-1");
            String requestId = requestId(first);
            probe.awaitEvent(REQUESTED, requestId, WAIT);

            MvcResult retry = request(contract, "U001", PASSWORD, csr, "retry-key-1");

            assertThat(requestId(retry)).isEqualTo(requestId);
            assertThat(retry.getResponse().getHeader("Location"))
                    .isEqualTo(first.getResponse().getHeader("Location"));
            assertThat(requestsOf(probe, contract, "U001")).isEqualTo(1);
        }
    }

    @Test
    void theSameIdempotencyKeyWithAnotherCsrIsRefused422() throws Exception {
        String contract = registeredUser("U002", PASSWORD);
        requestId(request(contract, "U002", PASSWORD, Csrs.csrPem(Csrs.p256()), "retry-key-2"));

        MvcResult other = request(contract, "U002", PASSWORD, Csrs.csrPem(Csrs.p256()), "retry-key-2");

        assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void anotherUsersIdempotencyKeyNeverAnswersWithTheFirstUsersRequest() throws Exception {
        String first = registeredUser("U003", PASSWORD);
        String second = registeredUser("U003", PASSWORD);
        String firstId = requestId(request(first, "U003", PASSWORD, Csrs.csrPem(Csrs.p256()), "shared-key"));

        String secondId = requestId(request(second, "U003", PASSWORD, Csrs.csrPem(Csrs.p256()), "shared-key"));

        assertThat(secondId).isNotEqualTo(firstId);
    }

    @Test
    void aWrongPasswordWithAKnownIdempotencyKeyIsRefused401AndLearnsNothing() throws Exception {
        String contract = registeredUser("U004", PASSWORD);
        String csr = Csrs.csrPem(Csrs.p256());
        String requestId = requestId(request(contract, "U004", PASSWORD, csr, "retry-key-4"));

        MvcResult attack = request(contract, "U004", "not-the-password", csr, "retry-key-4");

        assertProblem(attack, 401, "UNAUTHENTICATED");
        assertThat(attack.getResponse().getContentAsString()).doesNotContain(requestId);
        assertThat(attack.getResponse().getHeader("Location")).isNull();
    }

    @Test
    void anIdempotencyKeyThatIsNotPrintableOrTooLongIsRefused400() throws Exception {
        String contract = registeredUser("U005", PASSWORD);
        String csr = Csrs.csrPem(Csrs.p256());

        assertProblem(request(contract, "U005", PASSWORD, csr, "x".repeat(256)), 400, "INVALID_IDEMPOTENCY_KEY");
        assertProblem(request(contract, "U005", PASSWORD, csr, "tab\there"), 400, "INVALID_IDEMPOTENCY_KEY");
    }

    @Test
    void withoutAKeyTheSameCsrOfAPendingRequestAnswersThatRequest() throws Exception {
        String contract = registeredUser("U006", PASSWORD);
        String csr = Csrs.csrPem(Csrs.p256());

        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            String requestId = requestId(request(contract, "U006", PASSWORD, csr, null));
            probe.awaitEvent(REQUESTED, requestId, WAIT);

            assertThat(requestId(request(contract, "U006", PASSWORD, csr, null)))
                    .isEqualTo(requestId);
            assertThat(requestsOf(probe, contract, "U006")).isEqualTo(1);
        }
    }

    @Test
    void withoutAKeyTheSameCsrOfAnIssuedRequestAnswersThatRequest() throws Exception {
        String contract = registeredUser("U007", PASSWORD);
        KeyPair key = Csrs.p256();
        String csr = Csrs.csrPem(key);
        String requestId = requestId(request(contract, "U007", PASSWORD, csr, null));
        IssuedForTest cert = issue(key, contract, "U007", CLOCK.instant().plus(Duration.ofDays(365)));
        publish(olderIssuedEvent(requestId, contract, "U007", RequestKind.NEW, cert, null, CLOCK.instant()));
        awaitStatus(requestId, "ISSUED");

        MvcResult retry = request(contract, "U007", PASSWORD, csr, null);

        assertThat(requestId(retry)).isEqualTo(requestId);
        assertThat(json(retry).path("status").asString()).isEqualTo("ISSUED");
        assertThat(json(get("/api/v1/certificate-requests/" + requestId(retry)))
                        .path("certificate")
                        .path("serialNumber")
                        .asString())
                .isEqualTo(cert.serial());
    }

    @Test
    void aRejectedRequestDoesNotAnswerTheSameCsrAgain() throws Exception {
        String contract = registeredUser("U008", PASSWORD);
        String csr = Csrs.csrPem(Csrs.p256());
        String rejected = requestId(request(contract, "U008", PASSWORD, csr, null));
        publish(new CertificateRejected(
                rejected, contract, "U008", RejectionReason.NOT_AUTHORIZED, "no authorization", CLOCK.instant()));
        awaitStatus(rejected, "REJECTED");

        assertThat(requestId(request(contract, "U008", PASSWORD, csr, null))).isNotEqualTo(rejected);
    }

    @Test
    void twoIdenticalPostsAtOnceMakeOneRequest() throws Exception {
        String contract = registeredUser("U009", PASSWORD);
        String csr = Csrs.csrPem(Csrs.p256());
        String otherCsr = Csrs.csrPem(Csrs.p256());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (TopicProbe probe = new TopicProbe(brokers, Topics.AUTH)) {
            List<String> withoutKey = atOnce(pool, () -> requestId(request(contract, "U009", PASSWORD, csr, null)));
            List<String> withKey =
                    atOnce(pool, () -> requestId(request(contract, "U009", PASSWORD, otherCsr, "retry-key-9")));

            assertThat(withoutKey.get(0)).isEqualTo(withoutKey.get(1));
            assertThat(withKey.get(0)).isEqualTo(withKey.get(1));
            probe.awaitEvent(REQUESTED, withKey.get(0), WAIT);
            assertThat(requestsOf(probe, contract, "U009")).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Post {
        String call() throws Exception;
    }

    private static List<String> atOnce(ExecutorService pool, Post post) {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<String>> answers = List.of(
                CompletableFuture.supplyAsync(() -> afterLatch(start, post), pool),
                CompletableFuture.supplyAsync(() -> afterLatch(start, post), pool));
        start.countDown();
        return answers.stream().map(CompletableFuture::join).toList();
    }

    private static String afterLatch(CountDownLatch start, Post post) {
        try {
            start.await();
            return post.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

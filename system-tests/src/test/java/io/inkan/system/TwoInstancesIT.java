package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.Topics;
import io.inkan.system.stack.Bank;
import io.inkan.system.stack.ChildProcessSystem;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.Infrastructure.ReceivedMail;
import io.inkan.system.stack.RelyingParty;
import io.inkan.system.stack.RelyingParty.Status;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of each service, each its own process from the service's jar, the two of a service on one
 * PostgreSQL database and every one on one broker (docs/contract.md §8, "several instances are one service"):
 * they serve one CA and one set of auth keys, a token of either auth instance opens every instance's API,
 * requests spread over both auth instances get certificates of the one CA, and each reminder goes once although
 * two notification instances look for due reminders. Its two tests run side by side (junit-platform.properties);
 * like the other system test classes it runs alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {
    /** Short periods, as the end-to-end scenarios use: reminders 2 and 1 minutes before a 3-minute notAfter. */
    private static final Map<String, String> PROPERTIES = Map.of(
            "inkan.issuance.mode", "SELF_SERVICE",
            "inkan.certificate.validity", "PT3M",
            "inkan.certificate.renewal-window", "PT2M",
            "inkan.notification.expiry-notices", "PT2M,PT1M",
            "inkan.notification.scan-interval", "PT5S");

    private static final String ISSUED_SUBJECT = "電子証明書を発行しました";
    private static final String REMINDER_SUBJECT = "電子証明書の有効期限が近づいています";

    private EmbeddedInfrastructure infrastructure;
    private ChildProcessSystem system;

    @RegisterExtension
    final TestWatcher logsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (system != null) {
                system.printLogTails(System.err, 40);
            }
        }
    };

    @BeforeAll
    void startTwoOfEach() {
        infrastructure = new EmbeddedInfrastructure();
        system = ChildProcessSystem.start("TwoInstancesIT", infrastructure, PROPERTIES, 2);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void bothIssuanceInstancesServeOneCaAndBothAuthInstancesOneSetOfKeys() throws Exception {
        RelyingParty first = new RelyingParty(issuance(1));
        RelyingParty second = new RelyingParty(issuance(2));
        assertThat(second.chainPem())
                .as("the chain of the second issuance instance")
                .isEqualTo(first.chainPem());
        X509Certificate issuingCa = RelyingParty.certificates(first.chainPem()).getFirst();
        for (RelyingParty instance : List.of(first, second)) {
            X509CRL crl = instance.crl(); // verified with the issuing CA's key of the chain
            assertThat(crl.getIssuerX500Principal()).isEqualTo(issuingCa.getSubjectX500Principal());
        }

        assertThat(jwks(auth(2))).as("JWKS of the second auth instance").isEqualTo(jwks(auth(1)));
        Http.Response sealing = Http.get(auth(1) + "/api/v1/sealing-certificate", null);
        assertThat(sealing.status()).isEqualTo(200);
        assertThat(Http.get(auth(2) + "/api/v1/sealing-certificate", null).text())
                .as("sealing certificate of the second auth instance")
                .isEqualTo(sealing.text());
    }

    @Test
    void requestsSpreadOverBothInstancesGetCertificatesOfTheOneCaAndEachReminderGoesOnce() throws Exception {
        Bank[] banks = {new Bank(system.endpoints(1)), new Bank(system.endpoints(2))};
        String contractId = "C" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        // A token from auth-service-1 at admin-service-2, which checks tokens with auth-service-2's JWKS, and back.
        String operatorFromFirst = banks[0].operatorToken();
        banks[1].registerContract(operatorFromFirst, contractId, "ADM01", "admin-pass-01");
        String adminFromSecond = banks[1].adminToken(contractId, "ADM01", "admin-pass-01");
        List<String> users = List.of("U001", "U002", "U003", "U004");
        for (String userId : users) {
            banks[0].registerUser(adminFromSecond, contractId, userId, null, "pass-" + userId);
        }

        // Each user asks one auth instance; the other one answers the outcome.
        List<JsonNode> certificates = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String userId = users.get(i);
            Bank asked = banks[i % 2];
            Bank other = banks[(i + 1) % 2];
            String csr = Csrs.csrPem(Csrs.p256());
            String requestId = await().atMost(Bank.PATIENCE)
                    .pollInterval(Duration.ofMillis(300))
                    .until(
                            () -> asked.requestWithIdAndPassword(contractId, userId, "pass-" + userId, csr),
                            r -> r.status() == 202)
                    .json()
                    .path("requestId")
                    .asString();
            JsonNode outcome = other.outcome(requestId);
            assertThat(outcome.path("status").asString())
                    .as("%s: %s", userId, outcome)
                    .isEqualTo("ISSUED");
            certificates.add(outcome.path("certificate"));
        }

        for (JsonNode certificate : certificates) {
            String pem = certificate.path("pem").asString();
            for (int n = 1; n <= 2; n++) {
                RelyingParty relyingParty = new RelyingParty(issuance(n));
                relyingParty.assertChainsToTheCa(pem);
                assertThat(relyingParty.ocsp(pem))
                        .as("OCSP of issuance-service-%d", n)
                        .isEqualTo(Status.GOOD);
            }
        }

        // Either auth instance's token is taken by every instance of every service.
        String operatorFromSecond = banks[1].operatorToken();
        String serial = certificates.getFirst().path("serialNumber").asString();
        for (String token : List.of(operatorFromFirst, operatorFromSecond)) {
            for (int n = 1; n <= 2; n++) {
                assertThat(Http.get(issuance(n) + "/api/v1/certificates/" + serial, token)
                                .status())
                        .as("certificate read at issuance-service-%d", n)
                        .isEqualTo(200);
                assertThat(Http.get(
                                        system.url("admin-service", n) + "/api/v1/contracts/" + contractId + "/audit",
                                        token)
                                .status())
                        .as("audit read at admin-service-%d", n)
                        .isEqualTo(200);
                assertThat(Http.get(
                                        system.url("notification-service", n) + "/api/v1/notifications?contractId="
                                                + contractId + "&userId=U001",
                                        token)
                                .status())
                        .as("notifications read at notification-service-%d", n)
                        .isEqualTo(200);
            }
        }

        // Both notification instances look for due reminders every five seconds; each reminder still goes once.
        Instant lastNotAfter = certificates.stream()
                .map(c -> Instant.parse(c.path("notAfter").asString()))
                .max(Instant::compareTo)
                .orElseThrow();
        Duration untilExpiry = Duration.between(Instant.now(), lastNotAfter).plusSeconds(5);
        await().atMost(untilExpiry)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> users.stream()
                        .allMatch(u -> mails(contractId, u, REMINDER_SUBJECT).size() >= 2));
        // A second instance's scan would come within a scan interval or two; none comes.
        await().during(Duration.ofSeconds(12))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> users.stream()
                        .allMatch(u -> mails(contractId, u, REMINDER_SUBJECT).size() == 2
                                && mails(contractId, u, ISSUED_SUBJECT).size() == 1));
        try (TopicProbe probe = new TopicProbe(infrastructure.bootstrapServers(), Topics.NOTIFICATION)) {
            List<String> reminders = probe.drain(Duration.ofSeconds(3)).stream()
                    .filter(r -> "io.inkan.ExpiryApproaching.v1".equals(TopicProbe.header(r, "ce_type")))
                    .map(TopicProbe::value)
                    .toList();
            for (JsonNode certificate : certificates) {
                String serialNumber = certificate.path("serialNumber").asString();
                assertThat(reminders.stream().filter(v -> v.contains(serialNumber)))
                        .as("ExpiryApproaching of %s", serialNumber)
                        .hasSize(2)
                        .anyMatch(v -> v.contains("\"PT2M\""))
                        .anyMatch(v -> v.contains("\"PT1M\""));
            }
        }
    }

    private List<ReceivedMail> mails(String contractId, String userId, String subject) {
        return infrastructure.mails().stream()
                .filter(m -> m.to().contains(Bank.email(contractId, userId)))
                .filter(m -> m.subject().contains(subject))
                .toList();
    }

    private static Set<String> jwks(String authUrl) {
        Http.Response response = Http.get(authUrl + "/.well-known/jwks.json", null);
        assertThat(response.status()).isEqualTo(200);
        Set<String> keys = new HashSet<>();
        response.json().path("keys").forEach(key -> keys.add(key.toString()));
        assertThat(keys).as("published keys").isNotEmpty();
        return keys;
    }

    private String auth(int n) {
        return system.url("auth-service", n);
    }

    private String issuance(int n) {
        return system.url("issuance-service", n);
    }
}

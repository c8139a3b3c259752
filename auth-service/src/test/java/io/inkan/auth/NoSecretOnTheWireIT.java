package io.inkan.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.auth.testing.Envelopes;
import io.inkan.auth.testing.Envelopes.Oaep;
import io.inkan.events.CertificateRequestSubmitted;
import io.inkan.events.Topics;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Reads every record on every topic after a scenario and finds none of its passwords in clear. */
class NoSecretOnTheWireIT extends IntegrationTestBase {
    /**
     * The shared context runs on the machine's clock (the base's movable {@code CLOCK} is not its bean, and other
     * tests move it), so seals are dated by the clock the service checks them against.
     */
    private static final java.time.Clock SERVICE_TIME = java.time.Clock.systemUTC();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void noRecordAuthServicePublishedHoldsAPasswordOrPin() throws Exception {
        String contract = unique("C");
        String password = "Secret-Pass-" + UUID.randomUUID();
        String pin = "PIN-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> secrets = new ArrayList<>(List.of(password, pin));
        registerUser(contract, "U001", unique("hanako."), password);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(userLogon(contract, "U001", password)
                                .getResponse()
                                .getStatus())
                        .isEqualTo(200));

        // A certificate request over HTTP, failures to a lock, and a sealed front-end submission.
        assertThat(post(
                                "/api/v1/certificate-requests",
                                Map.of(
                                        "contractId",
                                        contract,
                                        "userId",
                                        "U001",
                                        "password",
                                        password,
                                        "csr",
                                        Csrs.csrPem(Csrs.p256())))
                        .getResponse()
                        .getStatus())
                .isEqualTo(202);
        String requestId = UUID.randomUUID().toString();
        Map<String, Object> sealed = new LinkedHashMap<>();
        sealed.put("requestId", requestId);
        sealed.put("sealedAt", SERVICE_TIME.instant().toString());
        sealed.put("contractId", contract);
        sealed.put("userId", "U001");
        sealed.put("password", password);
        send(
                Topics.FRONTEND_REQUESTS,
                requestId,
                CODEC.encode(new CertificateRequestSubmitted(
                        requestId,
                        Envelopes.authEnveloped(JSON.writeValueAsBytes(sealed), sealingCertificate(), Oaep.SHA1),
                        Csrs.csrPem(Csrs.p256()),
                        SERVICE_TIME.instant())),
                "io.inkan.CertificateRequestSubmitted.v1");
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> topics.add(Topics.deadLetter(topic)));
        try (TopicProbe probe = new TopicProbe(brokers, topics.toArray(String[]::new))) {
            probe.awaitEvent("io.inkan.CertificateRequested.v1", requestId, WAIT);
            // Only after the sealed submission (a success, which resets the count) was handled.
            for (int attempt = 0; attempt < 5; attempt++) {
                userLogon(contract, "U001", pin + attempt);
            }
            probe.awaitEvent("io.inkan.AccountLocked.v1", contract, WAIT);
            List<ConsumerRecord<String, byte[]>> records = probe.drain(Duration.ofSeconds(2));

            assertThat(records).isNotEmpty();
            for (ConsumerRecord<String, byte[]> record : records) {
                String everything = TopicProbe.value(record) + " " + record.key() + " " + headers(record);
                for (String secret : secrets) {
                    assertThat(everything)
                            .as(record.topic() + " " + TopicProbe.header(record, "ce_type"))
                            .doesNotContain(secret);
                }
            }
        }
    }

    private static String headers(ConsumerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder();
        for (Header header : record.headers()) {
            all.append(header.key())
                    .append('=')
                    .append(header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8))
                    .append(' ');
        }
        return all.toString();
    }
}

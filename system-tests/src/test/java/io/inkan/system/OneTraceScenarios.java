package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CertificateIssued;
import io.inkan.events.CertificateRequested;
import io.inkan.events.EventTypes;
import io.inkan.events.NotificationSent;
import io.inkan.events.Topics;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Http;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One certificate's journey is one trace (docs/design.md, "Traces and logs"): the front end's POST carries a W3C
 * {@code traceparent} with a trace id of its own choosing, and that trace id is on every record the request
 * causes, across the three services and Kafka, and on the mails it ends in: the issuance mail at once, the
 * expiry reminder (here a minute later, on the everyday operations' periods) as well.
 */
interface OneTraceScenarios extends RunningInkan {
    Duration PATIENCE = Duration.ofSeconds(90);
    JsonMapper JSON = JsonMapper.builder().build();

    @Scenario
    default void theTraceIdOfTheRequestIsOnEveryEventAndMailOfItsCertificate() throws Exception {
        String contractId = SystemScenarios.newContractId();
        String loginId = "trace" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        bank().registerContract(bank().operatorToken(), contractId, "ADM01", "admin-pass-01");
        String admin = bank().adminToken(contractId, "ADM01", "admin-pass-01");
        bank().registerUser(admin, contractId, "U001", loginId, "login-pass-01");

        String traceId = randomHex(16);
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-01";
        try (var probe =
                new TopicProbe(system().bootstrapServers(), Topics.AUTH, Topics.ISSUANCE, Topics.NOTIFICATION)) {
            String csr = Csrs.csrPem(Csrs.p256());
            // auth-service learns of the user from admin-service's event: submit until it knows them
            AtomicReference<Http.Response> accepted = new AtomicReference<>();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300)).until(() -> {
                accepted.set(Http.postJson(
                        system().authUrl() + "/api/v1/certificate-requests",
                        Map.of("loginId", loginId, "password", "login-pass-01", "csr", csr),
                        null,
                        Map.of("traceparent", traceparent)));
                return accepted.get().status() == 202;
            });
            String requestId = accepted.get().json().path("requestId").asString();

            ConsumerRecord<String, byte[]> requested =
                    probe.awaitEvent(EventTypes.nameOf(CertificateRequested.class), requestId, PATIENCE);
            assertThat(traceIdOf(requested)).as("CertificateRequested").isEqualTo(traceId);

            ConsumerRecord<String, byte[]> issued =
                    probe.awaitEvent(EventTypes.nameOf(CertificateIssued.class), requestId, PATIENCE);
            assertThat(traceIdOf(issued)).as("CertificateIssued").isEqualTo(traceId);
            String serialNumber = json(issued).path("serialNumber").asString();

            ConsumerRecord<String, byte[]> issuanceMail =
                    probe.await(r -> isSent(r, serialNumber, "CERTIFICATE_ISSUED"), PATIENCE);
            assertThat(traceIdOf(issuanceMail))
                    .as("NotificationSent of the issuance mail")
                    .isEqualTo(traceId);
            assertThat(traceIdOfMail(json(issuanceMail).path("notificationId").asString()))
                    .as("the issuance mail")
                    .isEqualTo(traceId);

            // Weeks later in production: the reminder continues the issuance's trace.
            // The first reminder falls due a minute after issuance (two minutes before a three-minute validity ends).
            ConsumerRecord<String, byte[]> reminderMail =
                    probe.await(r -> isSent(r, serialNumber, "EXPIRY_REMINDER"), PATIENCE.plus(Duration.ofMinutes(1)));
            assertThat(traceIdOf(reminderMail))
                    .as("NotificationSent of the reminder")
                    .isEqualTo(traceId);
            assertThat(traceIdOfMail(json(reminderMail).path("notificationId").asString()))
                    .as("the reminder mail")
                    .isEqualTo(traceId);
        }
    }

    private static boolean isSent(ConsumerRecord<String, byte[]> record, String serialNumber, String kind) {
        if (!EventTypes.nameOf(NotificationSent.class).equals(TopicProbe.header(record, "ce_type"))) {
            return false;
        }
        JsonNode sent = json(record);
        return serialNumber.equals(sent.path("serialNumber").asString())
                && kind.equals(sent.path("kind").asString());
    }

    /** The trace id of the record's {@code traceparent} header (W3C: version-traceid-parentid-flags). */
    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        String traceparent = TopicProbe.header(record, "traceparent");
        assertThat(traceparent)
                .as("traceparent on %s", record.topic())
                .matches("00-\\p{XDigit}{32}-\\p{XDigit}{16}-\\p{XDigit}{2}");
        return traceparent.split("-")[1];
    }

    /** The {@code X-Inkan-Trace-Id} of the mail the SMTP server received as notification {@code notificationId}. */
    private String traceIdOfMail(String notificationId) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            List<MimeMessage> received = ((EmbeddedInfrastructure) system().infrastructure()).receivedMessages();
            for (MimeMessage message : received) {
                if (notificationId.equals(message.getHeader("X-Inkan-Notification-Id", null))) {
                    return message.getHeader("X-Inkan-Trace-Id", null);
                }
            }
            assertThat(Instant.now()).as("mail %s received", notificationId).isBefore(deadline);
            Thread.sleep(200); // polling the SMTP server for a mail already sent, not waiting for time
        }
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        return JSON.readTree(record.value());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}

package io.inkan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.Topics;
import io.inkan.system.stack.Bank;
import io.inkan.system.stack.EmbeddedInfrastructure;
import io.inkan.system.stack.Http;
import io.inkan.system.stack.Infrastructure;
import io.inkan.testsupport.Csrs;
import io.inkan.testsupport.TopicProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the bank's Prometheus scrapes after the seed bank's journey (管理者/利用者, ADMIN_AUTHORIZED, a certificate
 * valid one minute): each service's own {@code inkan_*} meters on {@code /actuator/prometheus}, counting what the
 * journey made happen, once each, and the dashboard and the alert rules of ops/ naming no metric that no service
 * exposes (a renamed meter would otherwise leave an empty panel, or an alert that can never fire).
 */
class MetersAfterJourneysIT extends SystemScenarios {
    /** A sample line of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^(inkan_[a-zA-Z0-9_]*)(\\{[^}]*})? (\\S+)$");

    private static final Pattern METRIC = Pattern.compile("\\binkan_[a-z0-9_]*[a-z0-9]\\b");
    private static final Path OPS = Path.of("..", "ops");

    @Override
    protected Infrastructure newInfrastructure() {
        return new EmbeddedInfrastructure();
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of(
                "inkan.issuance.mode", "ADMIN_AUTHORIZED",
                "inkan.certificate.validity", "PT1M",
                "inkan.certificate.renewal-window", "PT30S",
                "inkan.certificate.post-expiry-grace", "PT10M",
                "inkan.notification.expiry-notices", "PT40S,PT20S",
                "inkan.notification.scan-interval", "PT2S",
                "inkan.issuance.pending-timeout", "PT10S");
    }

    @Test
    void afterTheJourneyEachServiceCountsWhatHappenedAndTheOpsFilesNameOnlyMetersThatExist() throws Exception {
        String contract = newContractId();
        bank.registerContract(bank.operatorToken(), contract, "ADM01", "admin-pass-01");
        String admin = bank.adminToken(contract, "ADM01", "admin-pass-01");
        bank.registerUser(admin, contract, "U001", null, "1234");
        bank.registerUser(admin, contract, "U002", null, "5678");

        // The administrator authorizes U001, who obtains a certificate and logs on with it.
        assertThat(bank.authorizeIssuance(admin, contract, "U001").status()).isEqualTo(202);
        KeyPair key = Csrs.p256();
        String csr = Csrs.csrPem(key);
        JsonNode first = bank.issued(() -> bank.requestWithIdAndPassword(contract, "U001", "1234", csr));
        String firstSerial = first.path("serialNumber").asString();
        bank.awaitCertificateToken(key.getPrivate(), first.path("pem").asString(), "1234");

        // U002 was not authorized.
        JsonNode refused =
                bank.obtain(() -> bank.requestWithIdAndPassword(contract, "U002", "5678", Csrs.csrPem(Csrs.p256())));
        assertThat(refused.path("reason").asString()).isEqualTo("NOT_AUTHORIZED");

        // Installation failed on U001's PC: the administrator reissues (初期化), and U001 obtains again.
        assertThat(bank.reissue(admin, contract, "U001", "keyCompromise").status())
                .isEqualTo(202);
        bank.awaitCertificateStatus(firstSerial, "REVOKED");
        bank.awaitToken(Map.of("realm", "user", "contractId", contract, "userId", "U001", "password", "1234"));
        JsonNode again =
                bank.issued(() -> bank.requestWithIdAndPassword(contract, "U001", "1234", Csrs.csrPem(Csrs.p256())));

        // U002 forgets the PIN.
        bank.awaitToken(Map.of("realm", "user", "contractId", contract, "userId", "U002", "password", "5678"));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(bank.userLogon(contract, "U002", "0000").status()).isEqualTo(401);
        }
        assertThat(bank.userLogon(contract, "U002", "5678").status()).isEqualTo(423);

        // A record sent twice (a relay that crashed between send and delete) and a poison record, on each topic
        // the services read from one another.
        sendAgain(Topics.ADMIN, "io.inkan.IssuanceAuthorized.v1", contract);
        sendAgain(Topics.AUTH, "io.inkan.CertificateRequested.v1", contract);
        sendPoison(Topics.ADMIN, "io.inkan.UserRegistered.v1");
        sendPoison(Topics.AUTH, "io.inkan.CertificateRequested.v1");

        // The certificate's two reminders go, and it expires (valid one minute).
        Instant notAfter = Instant.parse(again.path("notAfter").asString());
        long millis = Duration.between(Instant.now(), notAfter).toMillis();
        if (millis > 0) {
            Thread.sleep(millis); // the validity is shortened by configuration; this waits for it to pass
        }
        bank.awaitCertificateStatus(again.path("serialNumber").asString(), "EXPIRED");

        Map<String, Map<String, Double>> auth = awaitSamples(
                system().authUrl(), Map.of("inkan_inbox_duplicates_total", 1.0, "inkan_events_refused_total", 1.0));
        assertThat(auth)
                .containsKeys("inkan_outbox_backlog", "inkan_outbox_oldest_age_seconds", "inkan_events_stalled");
        assertThat(auth.get("inkan_logons_total")).containsEntry("{outcome=\"LOCKED\",realm=\"USER\"}", 1.0);
        assertThat(auth.get("inkan_logons_total").get("{outcome=\"UNAUTHENTICATED\",realm=\"USER\"}"))
                .as("five wrong PINs, and the logons tried before auth-service heard of a certificate")
                .isGreaterThanOrEqualTo(5);
        assertThat(auth.get("inkan_logons_total").get("{outcome=\"SUCCEEDED\",realm=\"OPERATOR\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(auth.get("inkan_logons_total").get("{outcome=\"SUCCEEDED\",realm=\"ADMIN\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(auth.get("inkan_logons_total").get("{outcome=\"SUCCEEDED\",realm=\"USER\"}"))
                .as("U001 with the certificate, U001 and U002 with ID and PIN")
                .isGreaterThanOrEqualTo(3);
        assertThat(auth.get("inkan_lockouts_total")).containsEntry("{realm=\"USER\"}", 1.0);

        Map<String, Map<String, Double>> issuance = awaitSamples(
                system().issuanceUrl(),
                Map.of(
                        "inkan_certificates_expired_total", 1.0,
                        "inkan_inbox_duplicates_total", 1.0,
                        "inkan_events_refused_total", 1.0));
        assertThat(issuance.get("inkan_certificates_issued_total"))
                .as("two certificates, though a request and an authorization were delivered twice")
                .containsEntry("", 2.0);
        assertThat(issuance.get("inkan_certificates_rejected_total"))
                .containsEntry("{reason=\"NOT_AUTHORIZED\"}", 1.0)
                .containsEntry("{reason=\"INVALID_CSR\"}", 0.0);
        assertThat(issuance.get("inkan_certificates_revoked_total"))
                .containsEntry("{reason=\"keyCompromise\"}", 1.0)
                .containsEntry("{reason=\"superseded\"}", 0.0);

        Map<String, Map<String, Double>> notification = awaitSamples(
                system().notificationUrl(),
                Map.of(
                        "inkan_reminders_sent_total", 2.0,
                        "inkan_mail_sent_total{kind=\"CERTIFICATE_ISSUED\"}", 2.0,
                        "inkan_mail_sent_total{kind=\"CERTIFICATE_REVOKED\"}", 1.0,
                        "inkan_mail_sent_total{kind=\"EXPIRY_REMINDER\"}", 2.0,
                        "inkan_mail_sent_total{kind=\"ACCOUNT_LOCKED\"}", 1.0,
                        "inkan_inbox_duplicates_total", 1.0,
                        "inkan_events_refused_total", 1.0));
        assertThat(notification)
                .containsKeys(
                        "inkan_mail_failed_total",
                        "inkan_mail_retried_total",
                        "inkan_mail_resent_total",
                        "inkan_reminders_due",
                        "inkan_reminder_lag_seconds");

        Map<String, Map<String, Double>> adminService = awaitSamples(
                system().adminUrl(), Map.of("inkan_inbox_duplicates_total", 1.0, "inkan_events_refused_total", 1.0));
        assertThat(adminService).containsKeys("inkan_outbox_backlog", "inkan_outbox_dead");

        // The probes an orchestrator uses: liveness (the process) and readiness (database, Kafka, events applied).
        for (String url :
                List.of(system().authUrl(), system().issuanceUrl(), system().adminUrl(), system().notificationUrl())) {
            for (String probe : List.of("liveness", "readiness")) {
                Http.Response health = Http.get(url + "/actuator/health/" + probe, null);
                assertThat(health.status()).as("%s %s: %s", url, probe, health).isEqualTo(200);
                assertThat(health.json().path("status").asString()).isEqualTo("UP");
            }
        }

        Set<String> exposed = new TreeSet<>();
        for (Map<String, Map<String, Double>> service : List.of(auth, issuance, notification, adminService)) {
            for (String name : service.keySet()) {
                exposed.add(name);
                exposed.add(name.replaceFirst("_(bucket|count|sum|max)$", ""));
            }
        }
        assertThat(exposed)
                .as("every inkan_* metric the dashboard queries is exposed by a running service")
                .containsAll(dashboardMetrics());
        assertThat(exposed)
                .as("every inkan_* metric the alert rules watch is exposed by a running service")
                .containsAll(alertMetrics());
    }

    /**
     * The service's {@code inkan_*} samples (name, then labels to value), once each given metric has reached its
     * value: a name alone is summed over its labels, a name with labels is that one sample. Counting happens as
     * events travel, so the last ones may still be on their way.
     */
    private static Map<String, Map<String, Double>> awaitSamples(String url, Map<String, Double> atLeast) {
        try {
            return await().atMost(Bank.PATIENCE)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(
                            () -> samples(url),
                            samples -> atLeast.entrySet().stream()
                                    .allMatch(e -> value(samples, e.getKey()) >= e.getValue()));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(url + " did not reach " + atLeast + "; it shows " + samples(url), e);
        }
    }

    private static double value(Map<String, Map<String, Double>> samples, String metric) {
        int labels = metric.indexOf('{');
        if (labels < 0) {
            return samples.getOrDefault(metric, Map.of()).values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
        }
        return samples.getOrDefault(metric.substring(0, labels), Map.of()).getOrDefault(metric.substring(labels), 0.0);
    }

    private static Map<String, Map<String, Double>> samples(String url) {
        Http.Response response = Http.get(url + "/actuator/prometheus", null);
        assertThat(response.status()).as("%s/actuator/prometheus", url).isEqualTo(200);
        Map<String, Map<String, Double>> samples = new TreeMap<>();
        response.text().lines().forEach(line -> {
            Matcher sample = SAMPLE.matcher(line);
            if (sample.matches()) {
                String labels = sample.group(2) == null ? "" : sample.group(2).replaceAll(",}$", "}");
                samples.computeIfAbsent(sample.group(1), name -> new LinkedHashMap<>())
                        .put(labels, Double.parseDouble(sample.group(3)));
            }
        });
        return samples;
    }

    /** Copies an event of the journey's contract with its headers, ce_id included: a redelivery. */
    private void sendAgain(String topic, String type, String contract) {
        ConsumerRecord<String, byte[]> original;
        try (TopicProbe probe = new TopicProbe(system().bootstrapServers(), topic)) {
            original = probe.awaitEvent(type, contract, Bank.PATIENCE);
        }
        var copy = new ProducerRecord<>(topic, original.key(), original.value());
        original.headers().forEach(copy.headers()::add);
        send(copy);
    }

    /** A record that does not parse, of a type the topic carries. */
    private void sendPoison(String topic, String type) {
        var poison = new ProducerRecord<>(
                topic, "poison-" + UUID.randomUUID(), "{\"this is\": not json".getBytes(StandardCharsets.UTF_8));
        poison.headers().add(new RecordHeader(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8)));
        poison.headers()
                .add(new RecordHeader(
                        CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        send(poison);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system().bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("cannot send " + record, e);
        }
    }

    private static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard =
                JsonMapper.builder().build().readTree(Files.readString(OPS.resolve("grafana/inkan-dashboard.json")));
        Set<String> named = new TreeSet<>();
        dashboard.findValues("expr").forEach(expr -> named.addAll(metrics(expr.asString())));
        assertThat(named).as("the dashboard's inkan_* metrics").isNotEmpty();
        return named;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> alertMetrics() throws IOException {
        Map<String, Object> file;
        try (var in = Files.newBufferedReader(OPS.resolve("prometheus/inkan-alerts.yml"))) {
            file = new Yaml().load(in);
        }
        Set<String> named = new TreeSet<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                named.addAll(metrics((String) rule.get("expr")));
            }
        }
        assertThat(named).as("the alert rules' inkan_* metrics").isNotEmpty();
        return named;
    }

    private static Set<String> metrics(String expression) {
        Set<String> names = new TreeSet<>();
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            names.add(metric.group());
        }
        return names;
    }
}

package io.inkan.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.inkan.events.AdministratorRegistered;
import io.inkan.events.EventCodec;
import io.inkan.events.Topics;
import io.inkan.events.UserRegistered;
import io.inkan.testsupport.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A contract and a user registered over HTTP reach auth-service as events whose initial passwords
 * only the sealing key opens; no record on any topic holds a password in clear.
 */
class RegistrationIT extends AdminServiceIT {
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final EventCodec codec = new EventCodec();

    @Test
    void registeredPeopleTravelWithSealedPasswordsOnly() throws Exception {
        String contract = unique("K");
        String adminPassword = "Adm1n-" + unique("pw");
        String userPin = "90" + (int) (Math.random() * 1_000_000);
        String loginId = unique("login");

        mvc.perform(postJson(
                        "/api/v1/contracts",
                        AUTH.operatorToken("operator"),
                        contractJson(contract, "kanri", adminPassword)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.contractId").value(contract))
                .andExpect(jsonPath("$.administrator.adminId").value("kanri"));
        mvc.perform(postJson(
                        "/api/v1/contracts/" + contract + "/users",
                        AUTH.adminToken(contract, "kanri"),
                        userJson("riyo1", loginId, userPin)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.certificateStatus").value("NONE"))
                .andExpect(jsonPath("$.language").value("ja"));

        try (TopicProbe probe = new TopicProbe(brokers, allTopics())) {
            ConsumerRecord<String, byte[]> adminRecord =
                    probe.awaitEvent("io.inkan.AdministratorRegistered.v1", contract, Duration.ofSeconds(20));
            ConsumerRecord<String, byte[]> userRecord =
                    probe.awaitEvent("io.inkan.UserRegistered.v1", contract, Duration.ofSeconds(20));
            probe.awaitEvent("io.inkan.ContractRegistered.v1", contract, Duration.ofSeconds(20));

            assertThat(adminRecord.key()).isEqualTo(contract + ":kanri");
            assertThat(userRecord.key()).isEqualTo(contract + ":riyo1");
            assertThat(TopicProbe.header(userRecord, "ce_source")).isNotBlank();
            assertThat(TopicProbe.header(userRecord, "ce_subject")).isEqualTo(contract + ":riyo1");

            AdministratorRegistered administrator =
                    codec.decode(AdministratorRegistered.class, TopicProbe.value(adminRecord));
            UserRegistered user = codec.decode(UserRegistered.class, TopicProbe.value(userRecord));
            assertThat(SealedOpener.open(administrator.sealedInitialPassword(), AUTH.sealingPrivateKey()))
                    .isEqualTo(adminPassword);
            assertThat(SealedOpener.open(user.sealedInitialPassword(), AUTH.sealingPrivateKey()))
                    .isEqualTo(userPin);
            assertThat(SealedOpener.keyTransportAlgorithm(user.sealedInitialPassword()))
                    .isEqualTo(PKCSObjectIdentifiers.id_RSAES_OAEP.getId());
            assertThat(user.loginId()).isEqualTo(loginId);
            assertThat(user.registeredBy()).isEqualTo("kanri");

            List<ConsumerRecord<String, byte[]>> everything = probe.drain(Duration.ofSeconds(1));
            List<String> leaks = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : everything) {
                String text = TopicProbe.value(record) + " " + record.key() + " " + headers(record);
                if (text.contains(adminPassword) || text.contains(userPin)) {
                    leaks.add(record.topic() + " " + TopicProbe.header(record, "ce_type"));
                }
            }
            assertThat(everything).isNotEmpty();
            assertThat(leaks).as("records holding an initial password in clear").isEmpty();
        }
    }

    private static String[] allTopics() {
        List<String> topics = new ArrayList<>();
        for (String topic : Topics.ALL) {
            topics.add(topic);
            topics.add(Topics.deadLetter(topic));
        }
        return topics.toArray(String[]::new);
    }

    private static String headers(ConsumerRecord<String, byte[]> record) {
        StringBuilder text = new StringBuilder();
        record.headers()
                .forEach(h -> text.append(h.key())
                        .append('=')
                        .append(h.value() == null ? "" : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8))
                        .append(' '));
        return text.toString();
    }
}

package io.inkan.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.inkan.testsupport.H2;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * docker compose gives every service a SASL/SCRAM identity through the standard Spring Kafka
 * properties. Every Kafka client the plumbing makes (the relay's and the dead letters' producer, the
 * consumer, topic creation, the health check's admin client) must keep them: a client that lost them
 * would talk to the broker unauthenticated, which the broker refuses.
 */
class KafkaClientSecurityTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"auth-service\" password=\"not-a-real-password\";";

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    FlywayAutoConfiguration.class,
                    KafkaAutoConfiguration.class,
                    MessagingAutoConfiguration.class))
            .withPropertyValues(
                    "spring.application.name=auth-service",
                    "spring.datasource.url=" + H2.freshDatabase("kafka_client_security"),
                    "spring.flyway.locations=classpath:db/messaging",
                    "spring.kafka.bootstrap-servers=127.0.0.1:1",
                    "spring.kafka.listener.auto-startup=false",
                    "spring.kafka.admin.auto-create=false",
                    "inkan.messaging.consumes=inkan.admin.events",
                    // as SPRING_KAFKA_SECURITY_PROTOCOL and SPRING_KAFKA_PROPERTIES_SASL_* in docker-compose.yml
                    "spring.kafka.security.protocol=SASL_PLAINTEXT",
                    "spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
                    "spring.kafka.properties.sasl.jaas.config=" + JAAS);

    @Test
    void everyKafkaClientOfThePlumbingKeepsTheServicesSaslSettings() {
        service.run(context -> {
            assertThat(context).hasNotFailed();

            assertSasl(
                    "health check", context.getBean(KafkaHealthIndicator.class).adminConfig());
            assertSasl("topic creation", context.getBean(KafkaAdmin.class).getConfigurationProperties());
            assertSasl(
                    "producer (outbox relay, dead letters)",
                    context.getBean(ProducerFactory.class).getConfigurationProperties());
            assertSasl(
                    "dead letters' template",
                    context.getBean(KafkaTemplate.class).getProducerFactory().getConfigurationProperties());
            assertSasl("consumer", context.getBean(ConsumerFactory.class).getConfigurationProperties());
        });
    }

    private static void assertSasl(String client, Map<String, Object> config) {
        assertThat(config)
                .as(client)
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT")
                .containsEntry(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512")
                .containsEntry(SaslConfigs.SASL_JAAS_CONFIG, JAAS);
    }
}

package io.inkan.system.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production shape in containers: Apache Kafka, PostgreSQL, and Mailpit as the SMTP server. Used
 * only where a Docker engine answers; the scenario classes skip cleanly otherwise.
 */
public final class ContainerInfrastructure implements Infrastructure {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.2.1"));
    private final PostgreSQLContainer postgres = new PostgreSQLContainer(DockerImageName.parse("postgres:17-alpine"));
    private final GenericContainer<?> mailpit =
            new GenericContainer<>(DockerImageName.parse("axllent/mailpit:v1.21.8")).withExposedPorts(1025, 8025);
    private final HttpClient http = HttpClient.newHttpClient();

    public ContainerInfrastructure() {
        kafka.start();
        postgres.start();
        mailpit.start();
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public Database databaseFor(String service) {
        String name = service.replace("-service", "") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(
                        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String url = "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getMappedPort(5432) + "/" + name;
        return new Database(url, postgres.getUsername(), postgres.getPassword());
    }

    @Override
    public String smtpHost() {
        return mailpit.getHost();
    }

    @Override
    public int smtpPort() {
        return mailpit.getMappedPort(1025);
    }

    @Override
    public List<ReceivedMail> mails() {
        String api = "http://" + mailpit.getHost() + ":" + mailpit.getMappedPort(8025) + "/api/v1/";
        List<ReceivedMail> mails = new ArrayList<>();
        for (JsonNode summary : get(api + "messages?limit=1000").path("messages")) {
            JsonNode message = get(api + "message/" + summary.path("ID").asString());
            List<String> recipients = new ArrayList<>();
            for (JsonNode address : message.path("To")) {
                recipients.add(address.path("Address").asString());
            }
            String to = String.join(",", recipients);
            mails.add(new ReceivedMail(
                    to, message.path("Subject").asString(), message.path("Text").asString()));
        }
        return mails;
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        mailpit.stop();
        postgres.stop();
        kafka.stop();
    }
}

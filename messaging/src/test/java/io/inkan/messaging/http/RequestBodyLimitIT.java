package io.inkan.messaging.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A flood of bytes is refused before any service code reads it (issue 11, "no floods"): a real Tomcat
 * with only this module's auto-configuration, and a real HTTP client, as an attacker would send them.
 */
class RequestBodyLimitIT {
    private static final int LIMIT = 64 * 1024;
    private static final byte[] ONE_MIB = new byte[1024 * 1024];

    static ConfigurableApplicationContext service;
    static HttpClient http;
    static URI echo;

    @BeforeAll
    static void start() {
        service = new SpringApplicationBuilder(EchoService.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--server.port=0",
                        "--spring.application.name=body-limit-it",
                        // only the web side: no database, no Kafka, none of the event plumbing
                        "--spring.autoconfigure.exclude="
                                + "io.inkan.messaging.MessagingAutoConfiguration,"
                                + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration,"
                                + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        echo = URI.create("http://127.0.0.1:" + port + "/echo");
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        if (http != null) http.close();
        if (service != null) service.close();
    }

    @Test
    void aMebibyteWithItsLengthIsRefused413AndTheNextSmallRequestIsServed() throws Exception {
        HttpResponse<String> flood = post(BodyPublishers.ofByteArray(ONE_MIB));

        assertPayloadTooLarge(flood);
        HttpResponse<String> next = post(BodyPublishers.ofString("{\"small\":true}"));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("14");
    }

    @Test
    void aChunkedMebibyteWithoutContentLengthIsRefused413AndTheNextChunkedRequestIsServed() throws Exception {
        HttpResponse<String> flood = post(chunked(ONE_MIB));

        assertPayloadTooLarge(flood);
        HttpResponse<String> next = post(chunked(new byte[1000]));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("1000");
    }

    @Test
    void aBodyOfExactlyTheLimitIsServedWhetherChunkedOrNot() throws Exception {
        HttpResponse<String> withLength = post(BodyPublishers.ofByteArray(new byte[LIMIT]));
        HttpResponse<String> chunked = post(chunked(new byte[LIMIT]));

        assertThat(withLength.statusCode()).isEqualTo(200);
        assertThat(withLength.body()).isEqualTo(String.valueOf(LIMIT));
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(String.valueOf(LIMIT));
    }

    @Test
    void oneByteOverTheLimitIsRefusedWhetherChunkedOrNot() throws Exception {
        assertPayloadTooLarge(post(BodyPublishers.ofByteArray(new byte[LIMIT + 1])));
        assertPayloadTooLarge(post(chunked(new byte[LIMIT + 1])));
    }

    @Test
    void aRequestWithoutABodyIsUntouched() throws Exception {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(echo).GET().build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("no body");
    }

    private static void assertPayloadTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body())
                .contains("\"status\":413")
                .contains("\"code\":\"PAYLOAD_TOO_LARGE\"")
                .contains("\"type\":")
                .contains("\"title\":")
                .contains("\"detail\":\"The request body is larger than 65536 bytes.\"");
    }

    private static HttpResponse<String> post(BodyPublisher body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(echo)
                        .header("Content-Type", "application/octet-stream")
                        .timeout(Duration.ofSeconds(30))
                        .POST(body)
                        .build(),
                BodyHandlers.ofString());
    }

    /** A publisher of unknown length: the client sends it chunked, without Content-Length. */
    private static BodyPublisher chunked(byte[] bytes) {
        BodyPublisher publisher = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        assertThat(publisher.contentLength()).isNegative();
        return publisher;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(Echo.class)
    static class EchoService {}

    /** Answers how many bytes of the body reached it. */
    @RestController
    static class Echo {
        @PostMapping("/echo")
        String echo(@RequestBody byte[] body) {
            return String.valueOf(body.length);
        }

        @GetMapping("/echo")
        String nothing() {
            return "no body";
        }
    }
}

package io.inkan.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * notification-service's mails still to be sent, read from its {@code inkan_mail_queued{status="PENDING"}} gauge. The
 * consumers have read every {@code CertificateIssued} long before the last issuance mail leaves: the mails are queued
 * and sent one at a time, and a measurement that starts meanwhile shares the machine with the senders. The driver
 * waits for the queue to be empty, as it waits for the consumer lag.
 */
final class MailQueue {
    static final String GAUGE = "inkan_mail_queued{";
    static final String PENDING = "status=\"PENDING\"";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI prometheus;

    MailQueue(String notificationUrl) {
        this.prometheus = URI.create(notificationUrl + "/actuator/prometheus");
    }

    /** The pending mails, or empty when the service does not answer or does not show the gauge. */
    OptionalLong pending() throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(prometheus)
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? pendingIn(response.body()) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** The gauge's value in a Prometheus text exposition, summed over its series (one per instance's labels). */
    static OptionalLong pendingIn(String exposition) {
        long sum = 0;
        boolean seen = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(GAUGE) && line.contains(PENDING)) {
                String value = line.substring(line.lastIndexOf(' ') + 1).strip();
                if (value.equals("NaN")) {
                    return OptionalLong.empty();
                }
                sum += (long) Double.parseDouble(value);
                seen = true;
            }
        }
        return seen ? OptionalLong.of(sum) : OptionalLong.empty();
    }

    /**
     * Waits until no mail is pending, or the patience is spent; answers how long it took, or {@code null} when
     * mails were still pending (or the count unknown) at the end. The gauge is counted at most every 5 s.
     */
    Duration awaitEmpty(Duration patience) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong pending = pending();
            if (pending.isPresent() && pending.getAsLong() == 0) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(500); // polls the service's figure, not waiting for time to pass
        }
        return null;
    }
}

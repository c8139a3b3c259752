package io.inkan.cli;

import io.inkan.events.CloudEventHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an operator needs to know about one record on a dead-letter topic, read from the headers Spring
 * Kafka's {@code DeadLetterPublishingRecoverer} writes ({@code kafka_dlt-*}) and the CloudEvents headers
 * it keeps. Deliberately without the value: it may hold sealed secrets and customers' data.
 */
record DeadLetter(
        String topic,
        int partition,
        long offset,
        String originalTopic,
        Integer originalPartition,
        Long originalOffset,
        String consumerGroup,
        String ceType,
        String ceId,
        String key,
        Instant deadLetteredAt,
        String exception,
        String exceptionCause,
        String exceptionMessage) {

    /** Every header the recoverer adds starts with this; none of them goes back with a replayed record. */
    static final String DLT_HEADER_PREFIX = "kafka_dlt-";

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                text(headers, DLT_HEADER_PREFIX + "original-topic"),
                number(headers, DLT_HEADER_PREFIX + "original-partition") instanceof Long p ? p.intValue() : null,
                number(headers, DLT_HEADER_PREFIX + "original-offset"),
                text(headers, DLT_HEADER_PREFIX + "original-consumer-group"),
                text(headers, CloudEventHeaders.TYPE),
                text(headers, CloudEventHeaders.ID),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                // the recoverer leaves the record's timestamp to its producer: the time it was dead-lettered
                Instant.ofEpochMilli(record.timestamp()),
                text(headers, DLT_HEADER_PREFIX + "exception-fqcn"),
                text(headers, DLT_HEADER_PREFIX + "exception-cause-fqcn"),
                text(headers, DLT_HEADER_PREFIX + "exception-message"));
    }

    /** {@code inkan.auth.events-dlt-0@3}, as {@code dlt replay --partition 0 --offset 3} names it. */
    String where() {
        return topic + "-" + partition + "@" + offset;
    }

    /**
     * {@code inkan.auth.events-dlt-0@3  from inkan.auth.events-1@17  CertificateIssued  ce_id=...  key=...
     * dead-lettered=...  group=...  exception=... (cause ...): message} on one line.
     */
    String readable() {
        StringBuilder line = new StringBuilder(where())
                .append("  from ")
                .append(originalTopic == null ? "?" : originalTopic)
                .append('-')
                .append(originalPartition == null ? "?" : originalPartition)
                .append('@')
                .append(originalOffset == null ? "?" : originalOffset)
                .append("  ")
                .append(EventLine.shortType(ceType))
                .append("  ce_id=")
                .append(ceId == null ? "-" : ceId)
                .append("  key=")
                .append(key == null ? "-" : key)
                .append("  dead-lettered=")
                .append(deadLetteredAt);
        if (consumerGroup != null) {
            line.append("  group=").append(consumerGroup);
        }
        line.append("  exception=").append(exception == null ? "-" : exception);
        if (exceptionCause != null && !exceptionCause.equals(exception)) {
            // the container wraps what the listener threw; the cause is what an operator looks for
            line.append(" (cause ").append(exceptionCause).append(')');
        }
        if (exceptionMessage != null) {
            line.append(": ").append(oneLine(exceptionMessage));
        }
        return line.toString();
    }

    String json() {
        ObjectNode line = Http.JSON.createObjectNode();
        line.put("topic", topic);
        line.put("partition", partition);
        line.put("offset", offset);
        line.put("originalTopic", originalTopic);
        line.put("originalPartition", originalPartition);
        line.put("originalOffset", originalOffset);
        line.put("consumerGroup", consumerGroup);
        line.put("ceType", ceType);
        line.put("ceId", ceId);
        line.put("key", key);
        line.put("deadLetteredAt", deadLetteredAt.toString());
        line.put("exception", exception);
        line.put("exceptionCause", exceptionCause);
        line.put("exceptionMessage", exceptionMessage);
        return Http.JSON.writeValueAsString(line);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The recoverer writes partitions as 4 bytes and offsets as 8, big-endian. */
    private static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(header.value());
        return switch (header.value().length) {
            case Integer.BYTES -> (long) bytes.getInt();
            case Long.BYTES -> bytes.getLong();
            default -> null;
        };
    }
}

package io.inkan.cli;

import io.inkan.events.CloudEventHeaders;
import io.inkan.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One record as {@code inkan watch} prints it: {@code time  Type  key  field=value ...} for people, or
 * the whole record as one JSON line for machines. Sealed secrets, CSRs and PEMs are never in the
 * readable line (too long, and a sealed value is nobody's business).
 */
final class EventLine {
    private static final Map<String, List<String>> KEY_FIELDS = Map.ofEntries(
            Map.entry("ContractRegistered", List.of("name", "registeredBy")),
            Map.entry("AdministratorRegistered", List.of("adminId", "email")),
            Map.entry("UserRegistered", List.of("userId", "loginId", "email", "registeredBy")),
            Map.entry("UserContactChanged", List.of("email", "language")),
            Map.entry("IssuanceAuthorized", List.of("authorizationId", "authorizedBy")),
            Map.entry("CertificateReissueAuthorized", List.of("authorizationId", "reason", "authorizedBy")),
            Map.entry("AccountUnlockRequested", List.of("realm", "accountId", "requestedBy")),
            Map.entry("CertificatesRevocationOrdered", List.of("reason", "orderedBy")),
            Map.entry("UserRemoved", List.of("removedBy")),
            Map.entry("CertificateRequestSubmitted", List.of("requestId")),
            Map.entry("CertificateRequested", List.of("requestId", "kind")),
            Map.entry("CertificateRequestRefused", List.of("requestId", "reason")),
            Map.entry("AccountLocked", List.of("realm", "accountId", "failedAttempts")),
            Map.entry("AccountUnlocked", List.of("realm", "accountId")),
            Map.entry("CertificateActivated", List.of("serialNumber", "replacesSerialNumber")),
            Map.entry(
                    "CertificateIssued",
                    List.of("requestId", "serialNumber", "kind", "notAfter", "replacesSerialNumber")),
            Map.entry("CertificateRejected", List.of("requestId", "reason", "detail")),
            Map.entry("CertificateRevoked", List.of("serialNumber", "reason", "revokedAt")),
            Map.entry("CertificateExpired", List.of("serialNumber", "notAfter")),
            Map.entry("ExpiryApproaching", List.of("serialNumber", "notAfter", "noticeBefore")),
            Map.entry("NotificationSent", List.of("kind", "serialNumber")),
            Map.entry("NotificationFailed", List.of("kind", "serialNumber", "error")));
    private static final Map<String, String> LABELS =
            Map.of("serialNumber", "serial", "replacesSerialNumber", "replaces");
    private static final String PREFIX = "io.inkan.";

    private EventLine() {}

    /** {@code 2026-04-01T09:00:00.123Z  CertificateIssued  C001:U001  requestId=... serial=8f3a01 ...}. */
    static String readable(ConsumerRecord<String, byte[]> record) {
        String type = shortType(header(record, CloudEventHeaders.TYPE));
        JsonNode value = Http.json(text(record.value()));
        StringBuilder line = new StringBuilder()
                .append(time(record))
                .append("  ")
                .append(Topics.isDeadLetter(record.topic()) ? "DEAD-LETTER " : "")
                .append(String.format("%-28s", type))
                .append("  ")
                .append(record.key() == null ? "-" : record.key());
        for (String field : fields(type, value)) {
            JsonNode member = value.get(field);
            if (member != null && !member.isNull() && member.isValueNode()) {
                String text = member.asString();
                line.append("  ")
                        .append(LABELS.getOrDefault(field, field))
                        .append('=')
                        .append(text.contains(" ") ? '"' + text + '"' : text);
            }
        }
        return line.toString();
    }

    /** The record as one JSON line: topic, partition, offset, timestamp, key, headers and the event. */
    static String json(ConsumerRecord<String, byte[]> record) {
        ObjectNode line = Http.JSON.createObjectNode();
        line.put("topic", record.topic());
        line.put("partition", record.partition());
        line.put("offset", record.offset());
        line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
        line.put("key", record.key());
        ObjectNode headers = line.putObject("headers");
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        String value = text(record.value());
        try {
            line.set("value", Http.JSON.readTree(value));
        } catch (RuntimeException notJson) {
            line.put("value", value);
        }
        return Http.JSON.writeValueAsString(line);
    }

    /** {@code CertificateIssued} for {@code io.inkan.CertificateIssued.v1}; the name as given for others. */
    static String shortType(String ceType) {
        if (ceType == null) {
            return "(no ce_type)";
        }
        String name = ceType.startsWith(PREFIX) ? ceType.substring(PREFIX.length()) : ceType;
        int version = name.lastIndexOf(".v");
        return version > 0 && ceType.startsWith(PREFIX) ? name.substring(0, version) : name;
    }

    private static List<String> fields(String type, JsonNode value) {
        List<String> known = KEY_FIELDS.get(type);
        if (known != null) {
            return known;
        }
        List<String> scalar = new ArrayList<>();
        value.propertyNames().forEach(name -> {
            String lower = name.toLowerCase();
            if (!lower.contains("sealed") && !lower.contains("pem") && !lower.contains("password")) {
                scalar.add(name);
            }
        });
        return scalar;
    }

    private static String time(ConsumerRecord<String, byte[]> record) {
        String ceTime = header(record, CloudEventHeaders.TIME);
        return ceTime != null
                ? ceTime
                : Instant.ofEpochMilli(record.timestamp()).toString();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}

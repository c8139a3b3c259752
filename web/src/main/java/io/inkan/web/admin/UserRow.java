package io.inkan.web.admin;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** One line of the administrator's user list, from admin-service's {@code GET …/users} item. */
record UserRow(
        String userId,
        String name,
        String loginId,
        String certificateStatus,
        String serialNumber,
        String notAfter,
        boolean locked,
        boolean deleted) {
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'").withZone(ZoneId.of("Asia/Tokyo"));

    static UserRow of(Map<String, Object> user) {
        Object notAfter = user.get("notAfter");
        return new UserRow(
                text(user.get("userId")),
                text(user.get("name")),
                text(user.get("loginId")),
                user.get("certificateStatus") == null ? "NONE" : text(user.get("certificateStatus")),
                text(user.get("serialNumber")),
                notAfter == null ? "" : SHOWN.format(Instant.parse(notAfter.toString())),
                Boolean.TRUE.equals(user.get("locked")),
                Boolean.TRUE.equals(user.get("deleted")));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

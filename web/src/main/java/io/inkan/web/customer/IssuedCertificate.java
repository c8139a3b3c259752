package io.inkan.web.customer;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The 電子証明書情報 the result screen shows (O, OU, CN as seed 003 lists them, the serial number and the validity in
 * Japan time), and the PEMs the browser puts into the PKCS#12 file beside the key it kept.
 */
final class IssuedCertificate {
    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'JST'");

    private IssuedCertificate() {}

    static Map<String, Object> of(Map<?, ?> certificate) {
        Map<String, String> subject = subject(String.valueOf(certificate.get("subject")));
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("organization", subject.getOrDefault("O", ""));
        shown.put("organizationalUnit", subject.getOrDefault("OU", ""));
        shown.put("commonName", subject.getOrDefault("CN", ""));
        shown.put("serialNumber", certificate.get("serialNumber"));
        shown.put("notBefore", japanTime(certificate.get("notBefore")));
        shown.put("notAfter", japanTime(certificate.get("notAfter")));
        shown.put("pem", certificate.get("pem"));
        shown.put("chainPem", certificate.get("chainPem"));
        return shown;
    }

    static Map<String, String> subject(String dn) {
        Map<String, String> parts = new LinkedHashMap<>();
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                parts.putIfAbsent(rdn.getType().toUpperCase(java.util.Locale.ROOT), String.valueOf(rdn.getValue()));
            }
        } catch (InvalidNameException e) {
            parts.put("CN", dn);
        }
        return parts;
    }

    static String japanTime(Object instant) {
        return instant == null
                ? ""
                : SHOWN.format(Instant.parse(instant.toString()).atZone(JAPAN));
    }
}

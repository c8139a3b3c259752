package io.inkan.issuance.revocation;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RFC 5019 GET requests put a base64 OCSP request in the path, and careful clients encode its '/' as {@code %2F},
 * which Tomcat refuses (400) by default. Tomcat here passes {@code %2F} through undecoded: the OCSP route reads the
 * raw request URI anyway, and no route can be reached through an encoded '/', since it never becomes a separator.
 */
@Configuration(proxyBeanMethods = false)
class OcspGetConfiguration {
    @Bean
    TomcatConnectorCustomizer encodedSlashesPassThrough() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }
}

package io.inkan.web.tls;

import io.inkan.web.WebProperties;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The HTTPS port of certificate logon ({@code inkan.web.tls-port}), a second Tomcat connector beside the plain one,
 * when {@code inkan.web.tls.keystore} and {@code inkan.web.client-keystore} are set.
 */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    CertificateLogonPort certificateLogonPort(WebProperties properties, @Value("${server.address:}") String address) {
        if (!properties.certificateLogon()) {
            log.info("No certificate logon: inkan.web.tls.keystore and inkan.web.client-keystore are not both set");
            return new CertificateLogonPort(null);
        }
        return new CertificateLogonPort(new CustomerTlsPort(properties, address));
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> customerTlsPort(CertificateLogonPort port) {
        return factory -> port.connector().ifPresent(c -> factory.addAdditionalConnectors(c.connector()));
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> customerTlsPortBound(CertificateLogonPort port) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return; // a management server of its own, not the one with this connector
            }
            port.connector().ifPresent(connector -> {
                port.bound(connector.localPort());
                if (event.getApplicationContext().getEnvironment() instanceof ConfigurableEnvironment environment) {
                    environment
                            .getPropertySources()
                            .addFirst(new MapPropertySource(
                                    "inkan.web.tls", Map.of(CertificateLogonPort.LOCAL_PORT_PROPERTY, port.port())));
                }
                log.info("Certificate logon listens for HTTPS on port {}", connector.localPort());
            });
        };
    }
}

package io.inkan.auth.tls;

import io.inkan.messaging.keys.KeyVault;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The mutual-TLS port of certificate logon ({@code inkan.auth.tls-port}, default 8443), served by the
 * same application as the plain HTTP port: a second Tomcat connector.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class TlsConfiguration {
    private static final Logger log = LoggerFactory.getLogger(TlsConfiguration.class);

    @Bean
    MutualTlsConnector mutualTlsConnector(
            TlsProperties properties,
            @Value("${inkan.data-dir:./data}") Path dataDir,
            @Value("${server.address:}") String address,
            Clock clock,
            ObjectProvider<KeyVault> vault)
            throws UnknownHostException {
        ServerKeyStore.Loaded serverKey =
                ServerKeyStore.loadOrCreate(properties.tls(), dataDir, clock, vault::getObject);
        // the same address as the plain port (server.address), all addresses when that is unset
        return new MutualTlsConnector(
                properties.tlsPort(), address.isBlank() ? null : InetAddress.getByName(address), serverKey);
    }

    @Bean
    TlsEndpoint tlsEndpoint(MutualTlsConnector connector) {
        return new TlsEndpoint(connector.serverCertificate());
    }

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> mutualTlsPort(MutualTlsConnector connector) {
        return factory -> factory.addAdditionalConnectors(connector.connector());
    }

    /** Tells the bound port once the server is up: to {@link TlsEndpoint}, the environment and the log. */
    @Bean
    ApplicationListener<WebServerInitializedEvent> mutualTlsPortBound(
            MutualTlsConnector connector, TlsEndpoint endpoint) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() != null) {
                return; // a management server of its own, not the one with this connector
            }
            int port = connector.localPort();
            endpoint.bound(port);
            if (event.getApplicationContext().getEnvironment() instanceof ConfigurableEnvironment environment) {
                environment
                        .getPropertySources()
                        .addFirst(
                                new MapPropertySource("inkan.auth.tls", Map.of(TlsEndpoint.LOCAL_PORT_PROPERTY, port)));
            }
            log.info("Certificate logon listens for mutual TLS on port {}", port);
        };
    }
}

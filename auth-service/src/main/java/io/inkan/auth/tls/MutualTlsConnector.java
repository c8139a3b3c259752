package io.inkan.auth.tls;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;

/**
 * The second Tomcat connector, beside the plain HTTP one: TLS 1.2/1.3 with the server key of
 * {@link ServerKeyStore}, asking every client for a certificate without requiring one
 * ({@code optional}: ID and password logons and token calls may come here too), and accepting any
 * issuer ({@link AnyClientCertificate}), because the handshake proves the key and the application
 * decides whose certificate it trusts.
 *
 * <p>Boot's customisations of the main connector ({@code server.tomcat.*}) are not copied here; the
 * limits that matter for this port (the body size) are servlet filters and hold on both.
 */
final class MutualTlsConnector {
    private final Connector connector;
    private final X509Certificate serverCertificate;

    MutualTlsConnector(int port, InetAddress address, ServerKeyStore.Loaded serverKey) {
        serverCertificate = serverKey.certificate();
        connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(port);
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        // JSSE, not OpenSSL, whatever native library the machine has: the trust manager below is JSSE's.
        connector.setProperty("sslImplementationName", JSSEImplementation.class.getName());
        if (address != null) {
            connector.setProperty("address", address.getHostAddress());
        }

        SSLHostConfig host = new SSLHostConfig();
        host.setProtocols("TLSv1.2+TLSv1.3");
        // Tomcat warns at start that JSSE's TLS 1.3 lacks post-handshake authentication and so "is incompatible
        // with optional certificate authentication". That is about asking for a certificate later, by
        // renegotiation; this port asks in the initial handshake, which TLS 1.3 does (the ITs and curl use it).
        host.setCertificateVerification("optional");
        host.setTrustManagerClassName(AnyClientCertificate.class.getName());

        SSLHostConfigCertificate certificate =
                new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(serverKey.keyStore());
        certificate.setCertificateKeystorePassword(serverKey.password());
        certificate.setCertificateKeyAlias(serverKey.alias());
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
    }

    X509Certificate serverCertificate() {
        return serverCertificate;
    }

    Connector connector() {
        return connector;
    }

    /** The port bound once started (the free one chosen for port 0). */
    int localPort() {
        return connector.getLocalPort();
    }
}

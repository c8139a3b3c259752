package io.inkan.web.tls;

import io.inkan.web.WebProperties;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;

/**
 * The HTTPS connector where customers log on with their certificate: TLS 1.2/1.3 with the front end's server key,
 * <em>asking</em> every browser for a client certificate without requiring one (a browser without a certificate
 * still sees the screen, which tells the customer what to do), and accepting only certificates that chain to Inkan's
 * CA ({@code inkan.web.client-ca}). Whether that certificate is ACTIVE and whose it is, auth-service decides: this
 * front end passes it on in {@code Client-Cert}.
 */
final class CustomerTlsPort {
    private final Connector connector;

    CustomerTlsPort(WebProperties properties, String address) {
        WebProperties.Tls tls = properties.tls();
        KeyStore serverKey = Pem.pkcs12(tls.keystore(), tls.keystorePassword(), "inkan.web.tls.keystore");
        if (properties.clientCa() == null || properties.clientCa().isBlank()) {
            throw new IllegalStateException("inkan.web.tls.keystore is set, so inkan.web.client-ca must name the CA"
                    + " certificates customers' certificates chain to (e.g. issuance-service's /ca/chain.pem)");
        }
        KeyStore trusted = Pem.trustStore(Pem.certificates(properties.clientCa()));

        connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(properties.tlsPort());
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        connector.setProperty("sslImplementationName", JSSEImplementation.class.getName());
        if (address != null && !address.isBlank()) { // the plain port's address (server.address), else all
            connector.setProperty("address", address);
        }

        SSLHostConfig host = new SSLHostConfig();
        host.setProtocols("TLSv1.2+TLSv1.3");
        // "optional" is TLS's want-client-auth: asked in the initial handshake, not required, checked against the CA
        host.setCertificateVerification("optional");
        host.setTrustStore(trusted);
        SSLHostConfigCertificate certificate =
                new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(serverKey);
        certificate.setCertificateKeystorePassword(tls.keystorePassword());
        certificate.setCertificateKeyAlias(keyAlias(serverKey));
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
    }

    Connector connector() {
        return connector;
    }

    int localPort() {
        return connector.getLocalPort();
    }

    private static String keyAlias(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return alias;
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("Cannot read inkan.web.tls.keystore: " + e.getMessage(), e);
        }
        throw new IllegalStateException("inkan.web.tls.keystore holds no private key");
    }
}

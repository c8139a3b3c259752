package io.inkan.auth.tls;

import java.security.cert.X509Certificate;

/**
 * Where certificate logon listens: the mutual-TLS port as bound (the configured one, or the free one
 * picked for {@code inkan.auth.tls-port=0}) and the certificate that port presents. Also published as
 * the property {@code local.inkan.auth.tls-port}, like Spring Boot's {@code local.server.port}.
 */
public final class TlsEndpoint {
    /** The environment property that carries the bound port once the server is up. */
    public static final String LOCAL_PORT_PROPERTY = "local.inkan.auth.tls-port";

    private final X509Certificate serverCertificate;
    private volatile int port = -1;

    TlsEndpoint(X509Certificate serverCertificate) {
        this.serverCertificate = serverCertificate;
    }

    /** The bound port; -1 until the web server has started. */
    public int port() {
        return port;
    }

    /** The certificate the TLS port presents (self-signed by default), for clients that pin it. */
    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    void bound(int port) {
        this.port = port;
    }

    /** Whether a request came in on this port (it alone carries TLS client certificates). */
    boolean received(int localPort) {
        return port > 0 && localPort == port;
    }
}

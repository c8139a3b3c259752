package io.inkan.web.tls;

import java.util.Optional;

/**
 * Where customers log on with their certificate: the HTTPS port as bound (the configured one, or the free one picked
 * for {@code inkan.web.tls-port=0}); -1 when certificate logon is not set up or the server has not started yet.
 */
public final class CertificateLogonPort {
    /** The environment property that carries the bound port once the server is up, like {@code local.server.port}. */
    public static final String LOCAL_PORT_PROPERTY = "local.inkan.web.tls-port";

    private final CustomerTlsPort connector;
    private volatile int port = -1;

    CertificateLogonPort(CustomerTlsPort connector) {
        this.connector = connector;
    }

    public int port() {
        return port;
    }

    /** Whether the HTTPS port listens (certificate logon is set up and the server has started). */
    public boolean open() {
        return port > 0;
    }

    Optional<CustomerTlsPort> connector() {
        return Optional.ofNullable(connector);
    }

    void bound(int port) {
        this.port = port;
    }
}

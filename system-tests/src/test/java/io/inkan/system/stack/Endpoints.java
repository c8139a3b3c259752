package io.inkan.system.stack;

import java.security.cert.X509Certificate;

/**
 * Where a running Inkan answers the bank's people and front end: one instance of each service, whether
 * they run in this JVM ({@link InkanSystem}) or as child processes ({@link ChildProcessSystem}).
 */
public interface Endpoints {

    String authUrl();

    /** auth-service's mutual-TLS port (certificate logon). */
    String authTlsUrl();

    /** The certificate auth-service's TLS port presents (self-signed here), which its clients pin. */
    X509Certificate authTlsCertificate();

    String adminUrl();

    String issuanceUrl();

    String notificationUrl();
}

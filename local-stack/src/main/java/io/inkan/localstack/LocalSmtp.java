package io.inkan.localstack;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded SMTP server (GreenMail) that accepts every message without authentication and keeps it in memory.
 * Point a service at it with {@code spring.mail.host=}{@link #host()} and {@code spring.mail.port=}{@link #port()};
 * read what arrived with {@link #receivedMessages()} or {@link #greenMail()}.
 */
public final class LocalSmtp implements AutoCloseable {

    public static final int DEFAULT_PORT = 3025;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final Logger log = LoggerFactory.getLogger(LocalSmtp.class);

    private final GreenMail greenMail;
    private final String host;
    private boolean closed;

    private LocalSmtp(GreenMail greenMail, String host) {
        this.greenMail = greenMail;
        this.host = host;
    }

    /** Starts GreenMail SMTP on {@code 127.0.0.1:3025}. */
    public static LocalSmtp start() {
        return start(DEFAULT_HOST, DEFAULT_PORT);
    }

    /** Starts GreenMail SMTP on {@code host:port}; port 0 picks a free one. */
    public static LocalSmtp start(String host, int port) {
        Objects.requireNonNull(host, "host");
        ServerSetup setup = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
        if (port == 0) {
            setup = setup.dynamicPort();
        }
        GreenMail greenMail = new GreenMail(setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The SMTP server could not start on " + host + ":" + port, e);
        }
        LocalSmtp smtp = new LocalSmtp(greenMail, host);
        log.info("SMTP server (GreenMail, no authentication) ready on {}:{}", host, smtp.port());
        return smtp;
    }

    public String host() {
        return host;
    }

    /** The port actually bound (differs from the one asked for only when that was 0). */
    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Every message received so far, in arrival order. */
    public MimeMessage[] receivedMessages() {
        return greenMail.getReceivedMessages();
    }

    /** The underlying GreenMail, for waiting on mail ({@code waitForIncomingEmail}) or purging it. */
    public GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("Stopping the SMTP server on {}:{}", host, port());
        greenMail.stop();
    }
}

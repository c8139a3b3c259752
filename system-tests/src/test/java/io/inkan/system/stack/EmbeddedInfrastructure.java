package io.inkan.system.stack;

import io.inkan.localstack.LocalKafka;
import io.inkan.localstack.LocalSmtp;
import io.inkan.testsupport.H2;
import io.inkan.testsupport.Postgres;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The embedded stack CI runs on: the in-process KRaft broker and GreenMail of the local stack, and
 * throwaway databases on the machine's PostgreSQL (or in-memory H2, the local stack's default).
 */
public final class EmbeddedInfrastructure implements Infrastructure {
    private LocalKafka kafka;
    private final LocalSmtp smtp;
    private final boolean h2;

    /** With databases on the machine's PostgreSQL, as in production. */
    public EmbeddedInfrastructure() {
        this(false);
    }

    /** With in-memory H2 databases in PostgreSQL mode: the local stack's embedded default. */
    public static EmbeddedInfrastructure withH2() {
        return new EmbeddedInfrastructure(true);
    }

    private EmbeddedInfrastructure(boolean h2) {
        this.h2 = h2;
        try {
            Path dir = Files.createTempDirectory("inkan-kafka");
            kafka = LocalKafka.builder()
                    .port(freePort())
                    .controllerPort(freePort())
                    .dataDir(dir)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        smtp = LocalSmtp.start("127.0.0.1", freePort());
    }

    @Override
    public synchronized String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * Stops the broker and starts a new one on the same ports and log directory, as an operator's maintenance
     * restart does: topics, records and consumer offsets survive, clients reconnect.
     */
    public synchronized void restartBroker() {
        LocalKafka stopped = kafka;
        stopped.close();
        kafka = LocalKafka.builder()
                .port(stopped.port())
                .controllerPort(stopped.controllerPort())
                .dataDir(stopped.logDir())
                .start();
    }

    @Override
    public Database databaseFor(String service) {
        if (h2) {
            return new Database(H2.freshDatabase(service.replace("-service", "")), "sa", "");
        }
        return new Database(Postgres.freshDatabase(service.replace("-service", "") + "_e2e"), Postgres.USER, "");
    }

    @Override
    public String smtpHost() {
        return smtp.host();
    }

    @Override
    public int smtpPort() {
        return smtp.port();
    }

    @Override
    public List<ReceivedMail> mails() {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : smtp.receivedMessages()) {
            try {
                String to = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .map(Object::toString)
                        .reduce((a, b) -> a + "," + b)
                        .orElse("");
                mails.add(new ReceivedMail(to, message.getSubject(), text(message)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    /** The mails the SMTP server received, as sent, headers and all. */
    public List<MimeMessage> receivedMessages() {
        return List.of(smtp.receivedMessages());
    }

    private static String text(Part part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        if (content instanceof Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                text.append(text(multipart.getBodyPart(i)));
            }
            return text.toString();
        }
        return "";
    }

    @Override
    public synchronized void close() {
        smtp.close();
        kafka.close();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.inkan.system.stack;

import java.util.List;

/**
 * What the four services need around them: a Kafka broker, a database per service, an SMTP server.
 * The scenarios are written once against this; {@link EmbeddedInfrastructure} runs everywhere,
 * {@link ContainerInfrastructure} where a Docker engine is available.
 */
public interface Infrastructure extends AutoCloseable {

    String bootstrapServers();

    /** A fresh, empty database of the service's own. */
    Database databaseFor(String service);

    String smtpHost();

    int smtpPort();

    /** Every mail the SMTP server has received so far. */
    List<ReceivedMail> mails();

    @Override
    void close();

    record Database(String url, String username, String password) {}

    record ReceivedMail(String to, String subject, String body) {}
}

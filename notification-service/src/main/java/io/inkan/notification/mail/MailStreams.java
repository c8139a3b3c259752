package io.inkan.notification.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names Jakarta Mail's stream provider once, for the whole process. Jakarta Mail 2.1 looks its {@code StreamProvider}
 * up again each time it encodes or decodes a header word or a body, and without a name it does so with a
 * {@link java.util.ServiceLoader} over the whole class path: in a packaged service that means opening every nested jar,
 * several times per mail (issue 15's profile: 2 ms of CPU and most of the service's garbage per mail). With the
 * system property that Jakarta Mail reads first, the lookup is one cached class load.
 */
final class MailStreams {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    /** Angus Mail's provider, the implementation Spring Boot's mail starter brings. */
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private static final Logger log = LoggerFactory.getLogger(MailStreams.class);

    private MailStreams() {}

    /** Names Angus Mail's provider unless one is named already, or Angus Mail is not there. */
    static void nameProvider() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Class.forName(ANGUS, false, MailStreams.class.getClassLoader());
            System.setProperty(PROPERTY, ANGUS);
        } catch (ClassNotFoundException | LinkageError e) {
            log.debug("{} is not on the class path; Jakarta Mail looks its stream provider up itself", ANGUS);
        }
    }
}

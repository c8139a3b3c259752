package io.inkan.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire names of the events ({@code ce_type}). A name is never derived from a Java class name, so
 * classes can move and be renamed without changing the wire; a breaking change of an event's form gets
 * a new name ({@code .v2}) and both are listed here while consumers move.
 */
public final class EventTypes {
    private static final String PREFIX = "io.inkan.";
    private static final String VERSION_1 = ".v1";

    private static final Map<String, Class<? extends InkanEvent>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<? extends InkanEvent>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        List.of(
                        ContractRegistered.class,
                        AdministratorRegistered.class,
                        UserRegistered.class,
                        UserContactChanged.class,
                        IssuanceAuthorized.class,
                        CertificateReissueAuthorized.class,
                        AccountUnlockRequested.class,
                        CertificateRequestSubmitted.class,
                        CertificateRequested.class,
                        CertificateRequestRefused.class,
                        AccountLocked.class,
                        AccountUnlocked.class,
                        CertificateActivated.class,
                        CertificateIssued.class,
                        CertificateRejected.class,
                        CertificateRevoked.class,
                        CertificateExpired.class,
                        AuthorizationLapsed.class,
                        ExpiryApproaching.class,
                        NotificationSent.class,
                        NotificationFailed.class,
                        PasswordResetOrdered.class,
                        PasswordChanged.class,
                        CertificatesRevocationOrdered.class,
                        UserRemoved.class,
                        AcquisitionCodeExhausted.class)
                .forEach(type -> register(PREFIX + type.getSimpleName() + VERSION_1, type));
    }

    private EventTypes() {}

    private static void register(String name, Class<? extends InkanEvent> type) {
        BY_NAME.put(name, type);
        BY_CLASS.put(type, name);
    }

    /** {@code io.inkan.CertificateIssued.v1} for a {@link CertificateIssued}. */
    public static String nameOf(InkanEvent event) {
        return nameOf(event.getClass());
    }

    public static String nameOf(Class<? extends InkanEvent> type) {
        String name = BY_CLASS.get(type);
        if (name == null) {
            throw new IllegalArgumentException("no wire name for " + type);
        }
        return name;
    }

    /** The class for a wire name; empty for a type this version does not know (to be skipped). */
    public static Optional<Class<? extends InkanEvent>> classOf(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    /** Every known wire name, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}

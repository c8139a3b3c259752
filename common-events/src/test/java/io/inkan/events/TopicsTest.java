package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

class TopicsTest {

    /** The topic table of docs/contract.md §6, by wire type. */
    static final Map<String, String> CONTRACT_TABLE = Map.ofEntries(
            Map.entry("io.inkan.ContractRegistered.v1", "inkan.admin.events"),
            Map.entry("io.inkan.AdministratorRegistered.v1", "inkan.admin.events"),
            Map.entry("io.inkan.UserRegistered.v1", "inkan.admin.events"),
            Map.entry("io.inkan.UserContactChanged.v1", "inkan.admin.events"),
            Map.entry("io.inkan.IssuanceAuthorized.v1", "inkan.admin.events"),
            Map.entry("io.inkan.CertificateReissueAuthorized.v1", "inkan.admin.events"),
            Map.entry("io.inkan.AccountUnlockRequested.v1", "inkan.admin.events"),
            Map.entry("io.inkan.CertificateRequestSubmitted.v1", "inkan.frontend.requests"),
            Map.entry("io.inkan.CertificateRequested.v1", "inkan.auth.events"),
            Map.entry("io.inkan.CertificateRequestRefused.v1", "inkan.auth.events"),
            Map.entry("io.inkan.AccountLocked.v1", "inkan.auth.events"),
            Map.entry("io.inkan.AccountUnlocked.v1", "inkan.auth.events"),
            Map.entry("io.inkan.CertificateActivated.v1", "inkan.auth.events"),
            Map.entry("io.inkan.CertificateIssued.v1", "inkan.issuance.events"),
            Map.entry("io.inkan.CertificateRejected.v1", "inkan.issuance.events"),
            Map.entry("io.inkan.CertificateRevoked.v1", "inkan.issuance.events"),
            Map.entry("io.inkan.CertificateExpired.v1", "inkan.issuance.events"),
            Map.entry("io.inkan.AuthorizationLapsed.v1", "inkan.issuance.events"),
            Map.entry("io.inkan.ExpiryApproaching.v1", "inkan.notification.events"),
            Map.entry("io.inkan.NotificationSent.v1", "inkan.notification.events"),
            Map.entry("io.inkan.NotificationFailed.v1", "inkan.notification.events"),
            Map.entry("io.inkan.PasswordResetOrdered.v1", "inkan.admin.events"),
            Map.entry("io.inkan.PasswordChanged.v1", "inkan.auth.events"),
            Map.entry("io.inkan.AcquisitionCodeExhausted.v1", "inkan.auth.events"),
            Map.entry("io.inkan.CertificatesRevocationOrdered.v1", "inkan.admin.events"),
            Map.entry("io.inkan.UserRemoved.v1", "inkan.admin.events"));

    static final Iterable<String> EVENT_TYPES = EventTypes.names();

    @Test
    void theContractTableListsEveryEventType() {
        assertThat(CONTRACT_TABLE.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.names());
    }

    @ParameterizedTest
    @FieldSource("EVENT_TYPES")
    void everyEventIsPublishedOnItsTopicFromTheContractTable(String type) {
        InkanEvent event = Golden.event(type);

        assertThat(Topics.of(event)).isEqualTo(CONTRACT_TABLE.get(type));
    }

    @Test
    void theCatalogueHasTheFiveTopicsInTheOrderACertificatesLifePassesThem() {
        assertThat(Topics.ALL)
                .containsExactly(
                        "inkan.admin.events",
                        "inkan.frontend.requests",
                        "inkan.auth.events",
                        "inkan.issuance.events",
                        "inkan.notification.events");
        assertThat(Topics.ALL)
                .containsExactlyInAnyOrderElementsOf(
                        Map.copyOf(CONTRACT_TABLE).values().stream().distinct().toList());
    }

    @ParameterizedTest
    @CsvSource({
        "inkan.admin.events,        inkan.admin.events-dlt",
        "inkan.frontend.requests,   inkan.frontend.requests-dlt",
        "inkan.auth.events,         inkan.auth.events-dlt",
        "inkan.issuance.events,     inkan.issuance.events-dlt",
        "inkan.notification.events, inkan.notification.events-dlt"
    })
    void anUnreadableRecordGoesToItsTopicsDeadLetterTopic(String topic, String deadLetter) {
        assertThat(Topics.deadLetter(topic)).isEqualTo(deadLetter);
        assertThat(Topics.isDeadLetter(deadLetter)).isTrue();
        assertThat(Topics.isDeadLetter(topic)).isFalse();
    }

    @Test
    void noEventTopicIsADeadLetterTopic() {
        assertThat(Topics.ALL).noneMatch(Topics::isDeadLetter);
    }
}

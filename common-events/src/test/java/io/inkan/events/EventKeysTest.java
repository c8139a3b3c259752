package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class EventKeysTest {
    private static final Instant NOW = Instant.parse("2025-07-14T00:30:02Z");
    private static final String REQUEST_ID = "e4d909c2-90d0-4b2f-8c1a-5f6e7d8c9b0a";

    /** The record key of each golden event. */
    static final Map<String, String> GOLDEN_KEYS = Map.ofEntries(
            Map.entry("io.inkan.ContractRegistered.v1", "C0012345"),
            Map.entry("io.inkan.AdministratorRegistered.v1", "C0012345:A001"),
            Map.entry("io.inkan.UserRegistered.v1", "C0012345:U001"),
            Map.entry("io.inkan.UserContactChanged.v1", "C0012345:U001"),
            Map.entry("io.inkan.IssuanceAuthorized.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateReissueAuthorized.v1", "C0012345:U001"),
            Map.entry("io.inkan.AccountUnlockRequested.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateRequestSubmitted.v1", "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
            Map.entry("io.inkan.CertificateRequested.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateRequestRefused.v1", "C0012345:U001"),
            Map.entry("io.inkan.AccountLocked.v1", "C0012345:U001"),
            Map.entry("io.inkan.AccountUnlocked.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateActivated.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateIssued.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateRejected.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateRevoked.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificateExpired.v1", "C0012345:U001"),
            Map.entry("io.inkan.AuthorizationLapsed.v1", "C0012345:U001"),
            Map.entry("io.inkan.ExpiryApproaching.v1", "C0012345:U001"),
            Map.entry("io.inkan.NotificationSent.v1", "C0012345:U001"),
            Map.entry("io.inkan.NotificationFailed.v1", "C0012345:U001"),
            Map.entry("io.inkan.PasswordResetOrdered.v1", "C0012345:U001"),
            Map.entry("io.inkan.PasswordChanged.v1", "C0012345:U001"),
            Map.entry("io.inkan.AcquisitionCodeExhausted.v1", "C0012345:U001"),
            Map.entry("io.inkan.CertificatesRevocationOrdered.v1", "C0012345:U001"),
            Map.entry("io.inkan.UserRemoved.v1", "C0012345:U001"));

    static final Iterable<String> EVENT_TYPES = EventTypes.names();

    @Test
    void everyEventTypeHasAnExpectedKey() {
        assertThat(GOLDEN_KEYS.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.names());
    }

    @ParameterizedTest
    @FieldSource("EVENT_TYPES")
    void everyEventIsKeyedSoThatOneUsersEventsStayInOrder(String type) {
        assertThat(Golden.event(type).key()).isEqualTo(GOLDEN_KEYS.get(type));
    }

    @Test
    void aUsersKeyIsContractIdColonUserId() {
        assertThat(Keys.of("C0012345", "U001")).isEqualTo("C0012345:U001");
    }

    @Test
    void anAccountOutsideAnyContractIsKeyedByItsIdAlone() {
        assertThat(Keys.of(null, "OP001")).isEqualTo("OP001");

        var operatorLocked = new AccountLocked(Realm.OPERATOR, null, "OP001", 5, NOW);

        assertThat(operatorLocked.key()).isEqualTo("OP001");
    }

    @Test
    void aFrontEndsSubmissionIsKeyedByItsRequestId() {
        var submitted = new CertificateRequestSubmitted(
                REQUEST_ID, "MIICJgYLKoZIhvcNAQkQARegggIV", "-----BEGIN CERTIFICATE REQUEST-----\n", NOW);

        assertThat(submitted.key()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aRefusalWithoutContractAndUserIsKeyedByTheRequestId() {
        var refused = new CertificateRequestRefused(REQUEST_ID, null, null, RefusalReason.UNAUTHENTICATED, NOW);

        assertThat(refused.key()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aRefusalNamingOnlyAContractIsStillKeyedByTheRequestId() {
        var refused = new CertificateRequestRefused(REQUEST_ID, "C0012345", null, RefusalReason.UNAUTHENTICATED, NOW);

        assertThat(refused.key()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aRefusalOfAKnownUserIsKeyedByContractAndUser() {
        var refused = new CertificateRequestRefused(REQUEST_ID, "C0012345", "U001", RefusalReason.LOCKED, NOW);

        assertThat(refused.key()).isEqualTo("C0012345:U001");
    }

    @Test
    void aRefusalWithoutContractAndUserTravelsAndIsReadBack() {
        var codec = new EventCodec();
        var refused = new CertificateRequestRefused(REQUEST_ID, null, null, RefusalReason.UNAUTHENTICATED, NOW);

        InkanEvent read = codec.decode("io.inkan.CertificateRequestRefused.v1", codec.encode(refused))
                .orElseThrow();

        assertThat(read).isEqualTo(refused);
        assertThat(read.key()).isEqualTo(REQUEST_ID);
    }
}

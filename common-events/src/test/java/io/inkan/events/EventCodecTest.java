package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    static Stream<String> eventTypes() {
        return EventTypes.names().stream();
    }

    @Nested
    class GoldenFiles {

        @ParameterizedTest
        @MethodSource("io.inkan.events.EventCodecTest#eventTypes")
        void everyEventMatchesItsGoldenJson(String type) {
            InkanEvent event = codec.decode(type, Golden.bytes(type)).orElseThrow();

            JsonNode encoded = Golden.tree(codec.encode(event));

            assertThat(encoded).as("%s encoded again", type).isEqualTo(Golden.tree(type));
        }

        @ParameterizedTest
        @MethodSource("io.inkan.events.EventCodecTest#eventTypes")
        void everyGoldenFileDecodesToTheRecordItsTypeNames(String type) {
            InkanEvent event = codec.decode(type, Golden.bytes(type)).orElseThrow();

            assertThat(event).isInstanceOf(EventTypes.classOf(type).orElseThrow());
            assertThat(EventTypes.nameOf(event)).isEqualTo(type);
        }

        @ParameterizedTest
        @MethodSource("io.inkan.events.EventCodecTest#eventTypes")
        void everyGoldenFileGivesEveryMemberAValue(String type) {
            // A null in a golden file would leave that member's form unpinned.
            JsonNode golden = Golden.tree(type);

            assertThat(golden.properties())
                    .as("members of %s", type)
                    .isNotEmpty()
                    .allSatisfy(member -> assertThat(member.getValue().isNull())
                            .as("%s.%s is null", type, member.getKey())
                            .isFalse());
        }

        @Test
        void everyEventTypeHasAGoldenFileAndEveryGoldenFileAType() {
            assertThat(Golden.typesWithAFile())
                    .as("golden files under src/test/resources/golden, without .json")
                    .containsExactlyInAnyOrderElementsOf(EventTypes.names());
        }

        @Test
        void everyEventRecordHasAWireType() {
            List<Class<?>> records = new ArrayList<>();
            collectRecords(InkanEvent.class, records);

            assertThat(records).hasSize(EventTypes.names().size());
            assertThat(records)
                    .allSatisfy(record -> assertThat(EventTypes.nameOf(record.asSubclass(InkanEvent.class)))
                            .isEqualTo("io.inkan." + record.getSimpleName() + ".v1"));
        }

        private static void collectRecords(Class<?> type, List<Class<?>> into) {
            if (type.isRecord()) {
                into.add(type);
            }
            if (type.isSealed()) {
                for (Class<?> permitted : type.getPermittedSubclasses()) {
                    collectRecords(permitted, into);
                }
            }
        }

        @Test
        void wireTypesAreUniqueAndVersioned() {
            assertThat(EventTypes.names())
                    .doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(name).matches("io\\.inkan\\.[A-Z][A-Za-z]+\\.v[1-9][0-9]*"));
        }

        @Test
        void encodeToStringIsTheUtf8OfEncode() {
            InkanEvent event = Golden.event(UserRegistered.class);

            String json = codec.encodeToString(event);

            assertThat(json).isEqualTo(new String(codec.encode(event), StandardCharsets.UTF_8));
            assertThat(json).contains("鈴木 一郎");
        }

        @Test
        void aRecordIsDecodedByItsClassToo() {
            String json = new String(Golden.bytes("io.inkan.CertificateIssued.v1"), StandardCharsets.UTF_8);

            CertificateIssued issued = codec.decode(CertificateIssued.class, json);

            assertThat(issued.serialNumber()).isEqualTo("a3f1c9e27b4d4e0f8c6b2d1e9f0a7b53");
            assertThat(issued.kind()).isEqualTo(RequestKind.RENEWAL);
            assertThat(issued.notAfter()).isEqualTo(Instant.parse("2027-02-20T00:00:00Z"));
            assertThat(issued.subject())
                    .isEqualTo("CN=C0012345U001,OU=Inkan Bank Internet Banking CA,O=Inkan Bank\\, Ltd.,C=JP");
        }
    }

    @Nested
    class Evolution {

        @ParameterizedTest
        @MethodSource("io.inkan.events.EventCodecTest#eventTypes")
        void unknownMembersAreIgnored(String type) {
            ObjectNode newer = Golden.editableTree(type);
            newer.put("addedByANewerProducer", "some value");
            newer.putObject("nestedAddition").put("depth", 2).putArray("items").add(1);

            InkanEvent event = codec.decode(type, Golden.bytes(newer)).orElseThrow();

            assertThat(event).isEqualTo(Golden.event(type));
        }

        @ParameterizedTest
        @CsvSource({
            "io.inkan.CertificateMinted.v1", // a type added after this version
            "io.inkan.CertificateIssued.v2", // a new form of a known event
            "CertificateIssued", // a class name is not a wire name
            "io.inkan.events.CertificateIssued"
        })
        void anUnknownTypeIsSkippedNotFailed(String type) {
            assertThat(codec.decode(type, Golden.bytes("io.inkan.CertificateIssued.v1")))
                    .isEmpty();
        }

        @Test
        void anUnknownTypeIsSkippedWhateverItsValue() {
            assertThat(codec.decode("io.inkan.Unheard.v1", "not json at all".getBytes(StandardCharsets.UTF_8)))
                    .isEmpty();
            assertThat(codec.decode("io.inkan.Unheard.v1", new byte[0])).isEmpty();
        }

        @Test
        void aRecordWithoutTypeIsSkipped() {
            assertThat(codec.decode((String) null, Golden.bytes("io.inkan.CertificateIssued.v1")))
                    .isEmpty();
        }

        @Test
        void optionalMembersMayBeAbsent() {
            ObjectNode firstIssuance = Golden.editableTree("io.inkan.CertificateIssued.v1");
            firstIssuance.remove("replacesSerialNumber");
            firstIssuance.remove("chainPem");

            CertificateIssued issued =
                    (CertificateIssued) codec.decode("io.inkan.CertificateIssued.v1", Golden.bytes(firstIssuance))
                            .orElseThrow();

            assertThat(issued.replacesSerialNumber()).isNull();
            assertThat(issued.chainPem()).isNull();
            assertThat(issued.serialNumber()).isEqualTo("a3f1c9e27b4d4e0f8c6b2d1e9f0a7b53");
        }
    }

    @Nested
    class UnreadableRecords {

        @Test
        void malformedJsonIsUnreadable() {
            byte[] truncated = "{\"requestId\": \"7c9e6679".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRequested.v1", truncated))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("io.inkan.CertificateRequested.v1");
        }

        @Test
        void aJsonValueThatIsNotAnObjectIsUnreadable() {
            byte[] array = "[\"C0012345\", \"U001\"]".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRequested.v1", array))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("io.inkan.CertificateRequested.v1");
        }

        @Test
        void anEmptyValueIsUnreadable() {
            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRequested.v1", new byte[0]))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("io.inkan.CertificateRequested.v1")
                    .hasMessageContaining("without a value");
        }

        @Test
        void aTombstoneIsUnreadable() {
            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRequested.v1", null))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("without a value");
        }

        @Test
        void anEmptyStringIsUnreadableWhenDecodedByClass() {
            assertThatThrownBy(() -> codec.decode(CertificateRequested.class, ""))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("CertificateRequested");
        }

        @ParameterizedTest
        @CsvSource({
            "io.inkan.CertificateRequested.v1,        requestId",
            "io.inkan.CertificateRequested.v1,        csrPem",
            "io.inkan.CertificateRequestSubmitted.v1, sealedCredentials",
            "io.inkan.CertificateIssued.v1,           certificatePem",
            "io.inkan.CertificateRevoked.v1,          reason",
            "io.inkan.CertificateReissueAuthorized.v1, reason",
            "io.inkan.UserRegistered.v1,              sealedInitialPassword",
            "io.inkan.AccountLocked.v1,               lockedAt",
            "io.inkan.ExpiryApproaching.v1,           noticeBefore",
            "io.inkan.NotificationFailed.v1,          notificationId",
            "io.inkan.PasswordResetOrdered.v1,        sealedTemporaryPassword",
            "io.inkan.PasswordChanged.v1,             changedBy"
        })
        void aRecordMissingARequiredFieldIsUnreadableAndNamesIt(String type, String field) {
            ObjectNode incomplete = Golden.editableTree(type);
            assertThat(incomplete.remove(field))
                    .as("golden %s has %s", type, field)
                    .isNotNull();

            assertThatThrownBy(() -> codec.decode(type, Golden.bytes(incomplete)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining(type)
                    .hasMessageContaining("missing required field '" + field + "'");
        }

        @Test
        void aRequiredFieldThatIsNullIsUnreadable() {
            ObjectNode nulled = Golden.editableTree("io.inkan.CertificateRequested.v1");
            nulled.putNull("userId");

            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRequested.v1", Golden.bytes(nulled)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("'userId'");
        }

        @Test
        void aRequiredFieldThatIsBlankIsUnreadable() {
            ObjectNode blank = Golden.editableTree("io.inkan.CertificateRequested.v1");
            blank.put("requestId", "   ");

            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRequested.v1", Golden.bytes(blank)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("'requestId'");
        }

        @Test
        void aRequiredFieldMissingFromARecordDecodedByClassIsNamed() {
            ObjectNode incomplete = Golden.editableTree("io.inkan.CertificateRequested.v1");
            incomplete.remove("requestId");
            String json = new String(Golden.bytes(incomplete), StandardCharsets.UTF_8);

            assertThatThrownBy(() -> codec.decode(CertificateRequested.class, json))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("CertificateRequested")
                    .hasMessageContaining("'requestId'");
        }

        @Test
        void aNullCountIsUnreadable() {
            ObjectNode nulled = Golden.editableTree("io.inkan.AccountLocked.v1");
            nulled.putNull("failedAttempts");

            assertThatThrownBy(() -> codec.decode("io.inkan.AccountLocked.v1", Golden.bytes(nulled)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining("io.inkan.AccountLocked.v1");
        }

        @ParameterizedTest
        @CsvSource({
            "io.inkan.CertificateRequested.v1, kind,        RENEW",
            "io.inkan.CertificateRequested.v1, requestedAt, yesterday",
            "io.inkan.CertificateRejected.v1,  reason,      TOO_EARLY",
            "io.inkan.AccountLocked.v1,        realm,       CUSTOMER"
        })
        void aValueOfTheWrongFormIsUnreadable(String type, String field, String value) {
            ObjectNode wrong = Golden.editableTree(type);
            wrong.put(field, value);

            assertThatThrownBy(() -> codec.decode(type, Golden.bytes(wrong)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining(type)
                    .hasMessageContaining(value);
        }
    }

    @Nested
    class RevocationReasons {

        @ParameterizedTest
        @CsvSource({
            "UNSPECIFIED,            unspecified,          0",
            "KEY_COMPROMISE,         keyCompromise,        1",
            "CA_COMPROMISE,          cACompromise,         2",
            "AFFILIATION_CHANGED,    affiliationChanged,   3",
            "SUPERSEDED,             superseded,           4",
            "CESSATION_OF_OPERATION, cessationOfOperation, 5",
            "CERTIFICATE_HOLD,       certificateHold,      6",
            "PRIVILEGE_WITHDRAWN,    privilegeWithdrawn,   9",
            "AA_COMPROMISE,          aACompromise,         10"
        })
        void everyReasonHasItsRfc5280NameAndCode(RevocationReason reason, String rfcName, int code) {
            assertThat(reason.rfcName()).isEqualTo(rfcName);
            assertThat(reason.code()).isEqualTo(code);
        }

        @Test
        void theCatalogueListsEveryRfc5280Reason() {
            // 7 (unused) is not a reason; removeFromCRL (8) is for delta CRLs, which Inkan does not issue.
            assertThat(RevocationReason.values()).hasSize(9);
        }

        @ParameterizedTest
        @EnumSource(RevocationReason.class)
        void aRevocationCarriesTheReasonsRfc5280Name(RevocationReason reason) {
            var revoked = new CertificateRevoked(
                    "5f3a9c1e7b2d48a6914c0e8f2b7d6a31",
                    "C0012345",
                    "U001",
                    reason,
                    Instant.parse("2026-02-20T23:05:01Z"));

            JsonNode json = Golden.tree(codec.encode(revoked));

            assertThat(json.get("reason").isString()).isTrue();
            assertThat(json.get("reason").stringValue()).isEqualTo(reason.rfcName());
            assertThat(codec.decode("io.inkan.CertificateRevoked.v1", codec.encode(revoked)))
                    .contains(revoked);
        }

        @Test
        void supersededAndKeyCompromiseAreWrittenAsTheRfcWritesThem() {
            var superseded = Golden.event(CertificateRevoked.class);
            var reissue = Golden.event(CertificateReissueAuthorized.class);

            assertThat(superseded.reason()).isEqualTo(RevocationReason.SUPERSEDED);
            assertThat(reissue.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
            assertThat(codec.encodeToString(superseded)).contains("\"reason\":\"superseded\"");
            assertThat(codec.encodeToString(reissue)).contains("\"reason\":\"keyCompromise\"");
        }

        @Test
        void theConstantsNameIsReadToo() {
            ObjectNode byConstant = Golden.editableTree("io.inkan.CertificateRevoked.v1");
            byConstant.put("reason", "KEY_COMPROMISE");

            var revoked = (CertificateRevoked) codec.decode("io.inkan.CertificateRevoked.v1", Golden.bytes(byConstant))
                    .orElseThrow();

            assertThat(revoked.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        }

        @ParameterizedTest
        @CsvSource({"stolen", "Superseded", "4"})
        void aReasonRfc5280DoesNotNameIsUnreadable(String reason) {
            ObjectNode unknown = Golden.editableTree("io.inkan.CertificateRevoked.v1");
            unknown.put("reason", reason);

            assertThatThrownBy(() -> codec.decode("io.inkan.CertificateRevoked.v1", Golden.bytes(unknown)))
                    .isInstanceOf(UnreadableEventException.class)
                    .hasMessageContaining(reason);
        }
    }

    @Nested
    class Timestamps {

        @Test
        void instantsAreIsoStringsNotNumbers() {
            var issued = new CertificateIssued(
                    "0b6f2a4e-8c1d-4e3f-9a7b-5c2d1e0f3a4b",
                    "C0012345",
                    "U001",
                    RequestKind.NEW,
                    "5f3a9c1e7b2d48a6914c0e8f2b7d6a31",
                    "CN=C0012345U001",
                    "CN=Inkan Bank Issuing CA G1",
                    Instant.parse("2025-03-05T01:10:00Z"),
                    Instant.parse("2026-03-05T01:10:00Z"),
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n",
                    null,
                    null,
                    Instant.parse("2025-03-05T01:10:00.250Z"));

            JsonNode json = Golden.tree(codec.encode(issued));

            for (String member : List.of("notBefore", "notAfter", "issuedAt")) {
                assertThat(json.get(member).isString())
                        .as("%s is a string: %s", member, json.get(member))
                        .isTrue();
            }
            assertThat(json.get("notBefore").stringValue()).isEqualTo("2025-03-05T01:10:00Z");
            assertThat(json.get("notAfter").stringValue()).isEqualTo("2026-03-05T01:10:00Z");
            assertThat(json.get("issuedAt").stringValue()).isEqualTo("2025-03-05T01:10:00.250Z");
        }

        @ParameterizedTest
        @MethodSource("io.inkan.events.EventCodecTest#eventTypes")
        void everyGoldenTimestampIsUtc(String type) {
            Golden.tree(type).properties().stream()
                    .filter(member -> member.getKey().endsWith("At")
                            || List.of("notBefore", "notAfter").contains(member.getKey()))
                    .forEach(member -> assertThat(member.getValue().stringValue())
                            .as("%s.%s", type, member.getKey())
                            .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z"));
        }
    }
}

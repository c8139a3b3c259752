package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The catalogue a consumer checks every record against (issue 11): each event type belongs to exactly
 * one topic, the one docs/contract.md §6 names, and to no other.
 */
class EventsBoundToTopicsTest {

    static final Iterable<String> EVENT_TYPES = EventTypes.names();

    @ParameterizedTest
    @FieldSource("EVENT_TYPES")
    void everyEventTypeBelongsToExactlyTheTopicOfTheContractTable(String type) {
        Class<? extends InkanEvent> event = EventTypes.classOf(type).orElseThrow();

        List<String> carriedBy = Topics.ALL.stream()
                .filter(topic -> Topics.carries(topic, event))
                .toList();

        assertThat(carriedBy).containsExactly(TopicsTest.CONTRACT_TABLE.get(type));
        assertThat(Topics.of(event)).isEqualTo(TopicsTest.CONTRACT_TABLE.get(type));
    }

    @Test
    void theFrontEndsTopicCarriesOnlyTheirSubmission() {
        assertThat(EventTypes.names().stream()
                        .filter(type -> Topics.carries(
                                Topics.FRONTEND_REQUESTS,
                                EventTypes.classOf(type).orElseThrow()))
                        .toList())
                .containsExactly("io.inkan.CertificateRequestSubmitted.v1");
        assertThat(Topics.carries(Topics.FRONTEND_REQUESTS, AdministratorRegistered.class))
                .isFalse();
        assertThat(Topics.carries(Topics.FRONTEND_REQUESTS, AccountUnlockRequested.class))
                .isFalse();
    }

    @Test
    void deadLetterAndUnknownTopicsCarryNothing() {
        for (String type : EventTypes.names()) {
            Class<? extends InkanEvent> event = EventTypes.classOf(type).orElseThrow();
            assertThat(Topics.carries(Topics.deadLetter(Topics.of(event)), event))
                    .as(type)
                    .isFalse();
            assertThat(Topics.carries("inkan.other.events", event)).isFalse();
        }
    }

    /** A new event class must join a topic's marker interface; the sealed hierarchy is the catalogue. */
    @Test
    void everyEventClassIsInTheWireCatalogueAndOnATopic() {
        List<Class<?>> classes = Arrays.stream(InkanEvent.class.getPermittedSubclasses())
                .flatMap(marker -> Arrays.stream(marker.getPermittedSubclasses()))
                .toList();

        assertThat(classes)
                .map(type -> EventTypes.nameOf(type.asSubclass(InkanEvent.class)))
                .containsExactlyInAnyOrderElementsOf(EventTypes.names());
        assertThat(InkanEvent.class.getPermittedSubclasses()).hasSize(Topics.ALL.size());
    }

    @Test
    void anEventOfNoTopicIsNotPublished() {
        assertThatThrownBy(() -> Topics.of(InkanEvent.class)).isInstanceOf(IllegalArgumentException.class);
    }
}

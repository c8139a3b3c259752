package io.inkan.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The header names of the CloudEvents Kafka binary binding, as docs/contract.md §6 lists them. */
class CloudEventHeadersTest {

    @Test
    void headersAreNamedAsTheCloudEventsKafkaBindingNamesThem() {
        assertThat(CloudEventHeaders.SPEC_VERSION).isEqualTo("ce_specversion");
        assertThat(CloudEventHeaders.ID).isEqualTo("ce_id");
        assertThat(CloudEventHeaders.TYPE).isEqualTo("ce_type");
        assertThat(CloudEventHeaders.SOURCE).isEqualTo("ce_source");
        assertThat(CloudEventHeaders.TIME).isEqualTo("ce_time");
        assertThat(CloudEventHeaders.SUBJECT).isEqualTo("ce_subject");
        assertThat(CloudEventHeaders.CONTENT_TYPE).isEqualTo("content-type");
    }

    @Test
    void theSpecVersionIsOneDotZeroAndTheValueIsJson() {
        assertThat(CloudEventHeaders.SPEC_VERSION_1_0).isEqualTo("1.0");
        assertThat(CloudEventHeaders.APPLICATION_JSON).isEqualTo("application/json");
    }
}

package io.inkan.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

class PathsWithoutIdsTest {

    @Test
    void aCollectorNeverSeesTheRequestIdAStatusLinkIsMadeOf() {
        var context = new Observation.Context();
        context.addLowCardinalityKeyValue(KeyValue.of("uri", "/api/v1/certificate-requests/{requestId}"));
        context.addHighCardinalityKeyValue(
                KeyValue.of("http.url", "/api/v1/certificate-requests/3ac2f0e4-5b1d-4c2a-9d43-6f1e2a7b8c90"));

        new PathsWithoutIds().map(context);

        assertThat(context.getHighCardinalityKeyValue("http.url").getValue())
                .isEqualTo("/api/v1/certificate-requests/{requestId}");
    }

    @Test
    void anObservationThatIsNoHttpRequestIsLeftAsItIs() {
        var context = new Observation.Context();
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", "http://auth/.well-known/jwks.json"));

        new PathsWithoutIds().map(context);

        assertThat(context.getHighCardinalityKeyValue("http.url").getValue())
                .isEqualTo("http://auth/.well-known/jwks.json");
    }
}

package io.inkan.messaging;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Keeps request IDs out of the spans: an HTTP server span would otherwise carry the request's path as
 * {@code http.url}, and a certificate request's ID in {@code /api/v1/certificate-requests/{id}} is a capability
 * for its status (SECURITY.md). The path is replaced by its template ({@code uri}), which the span already names.
 */
final class PathsWithoutIds implements ObservationFilter {
    private static final String[] PATH_KEYS = {"http.url", "url.path", "url.full"};

    @Override
    public Observation.Context map(Observation.Context context) {
        KeyValue template = context.getLowCardinalityKeyValue("uri");
        if (template == null) {
            return context;
        }
        for (String key : PATH_KEYS) {
            if (context.getHighCardinalityKeyValue(key) != null) {
                context.addHighCardinalityKeyValue(KeyValue.of(key, template.getValue()));
            }
        }
        return context;
    }
}

package io.inkan.events;

/** Header names and values of the CloudEvents Kafka binary binding, as docs/contract.md §6 uses them. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    /** Unique per event; consumers de-duplicate on it. */
    public static final String ID = "ce_id";
    /** {@code io.inkan.<Name>.v1}, see {@link EventTypes}. */
    public static final String TYPE = "ce_type";
    /** The producing service. */
    public static final String SOURCE = "ce_source";
    /** RFC 3339 time the event happened. */
    public static final String TIME = "ce_time";
    /** The record key. */
    public static final String SUBJECT = "ce_subject";

    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String APPLICATION_JSON = "application/json";

    private CloudEventHeaders() {}
}

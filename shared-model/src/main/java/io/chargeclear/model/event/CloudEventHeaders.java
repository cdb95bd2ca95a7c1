package io.chargeclear.model.event;

/**
 * Kafka header names carrying the CloudEvents attributes of every ChargeClear event (CloudEvents Kafka
 * protocol binding, binary mode). The payload is the record value, JSON.
 */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_VALUE = "1.0";

    private CloudEventHeaders() {
    }
}

package io.chargeclear.kit.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.event.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A Kafka record read as a CloudEvent: the attributes from the {@code ce_*} headers, the JSON payload as
 * the value. A record without {@code ce_id} is identified by its position (topic-partition@offset), which is
 * just as stable for idempotency.
 *
 * @param topic       where the record was read, null when unknown
 * @param traceparent the W3C trace context of the work that wrote the event (header {@code traceparent}), null when
 *                    it was written outside a trace; the consumer's span continues that trace
 *                    (docs/adr/0035-traces-through-the-outbox.md)
 * @param tracestate  the W3C {@code tracestate} beside it, null when none
 */
public record IncomingEvent(String id, String type, String source, String subject, String time, String key,
                            String payload, String topic, String traceparent, String tracestate) {

    /** The W3C trace context headers, as the outbox relay writes them from the outbox row's columns. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static IncomingEvent of(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        if (id == null) {
            id = record.topic() + "-" + record.partition() + "@" + record.offset();
        }
        return new IncomingEvent(id, header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), header(record, CloudEventHeaders.TIME), record.key(),
                record.value(), record.topic(), header(record, TRACEPARENT), header(record, TRACESTATE));
    }

    public <T> T payloadAs(ObjectMapper json, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("event " + id + " (" + this.type + ") has an unreadable payload", e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

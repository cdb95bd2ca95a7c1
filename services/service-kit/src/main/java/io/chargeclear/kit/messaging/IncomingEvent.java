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
 */
public record IncomingEvent(String id, String type, String source, String subject, String time, String key,
                            String payload) {

    public static IncomingEvent of(ConsumerRecord<String, String> record) {
        String id = header(record, CloudEventHeaders.ID);
        if (id == null) {
            id = record.topic() + "-" + record.partition() + "@" + record.offset();
        }
        return new IncomingEvent(id, header(record, CloudEventHeaders.TYPE), header(record, CloudEventHeaders.SOURCE),
                header(record, CloudEventHeaders.SUBJECT), header(record, CloudEventHeaders.TIME), record.key(),
                record.value());
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

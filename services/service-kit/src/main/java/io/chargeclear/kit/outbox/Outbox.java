package io.chargeclear.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.event.EventType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Appends domain events to the service's outbox table. Call it inside the same
 * {@code Panache.withTransaction} as the state change it announces: the event commits or rolls back with
 * it, and Debezium relays it to Kafka afterwards. There is deliberately no way to send to Kafka directly.
 *
 * <p>An event appended inside a trace (a partner's request, a consumer's span) keeps that trace's W3C context in its
 * row; the relay makes it the record's {@code traceparent} header, so the consumers' spans continue the same trace
 * (docs/adr/0035-traces-through-the-outbox.md).
 */
@ApplicationScoped
public class Outbox {

    private static final TextMapSetter<OutboxEvent> TRACE_COLUMNS = (event, key, value) -> {
        if (event == null) {
            return;
        }
        switch (key) {
            case "traceparent" -> event.traceparent = value;
            case "tracestate" -> event.tracestate = value.isEmpty() ? null : value;
            default -> {
                // no other field: the W3C propagator writes these two only
            }
        }
    };

    private final ObjectMapper json;
    private final String source;
    private final Clock clock;
    private final boolean traced;

    /**
     * @param serviceName short service name; events carry the CloudEvents source {@code /chargeclear/<name>}
     * @param sdkDisabled tracing off: no trace context is looked up or written
     */
    public Outbox(ObjectMapper json, @ConfigProperty(name = "chargeclear.service.name") String serviceName,
                  @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean sdkDisabled) {
        this.json = json;
        this.source = "/chargeclear/" + serviceName;
        this.clock = Clock.systemUTC();
        this.traced = !sdkDisabled;
    }

    /**
     * @param type        what happened; decides the topic
     * @param aggregateId the Kafka key: events of one aggregate stay in order
     * @param subject     the CloudEvents subject (for example the OCPI object id), may be null
     * @param payload     the event's payload record, of {@code type.payloadType()}
     */
    public Uni<OutboxEvent> append(EventType type, String aggregateId, String subject, Object payload) {
        if (!type.payloadType().isInstance(payload)) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    type.type() + " carries " + type.payloadType().getSimpleName() + ", not "
                            + payload.getClass().getSimpleName()));
        }
        OutboxEvent event = new OutboxEvent();
        event.id = UUID.randomUUID();
        event.topic = type.topic();
        event.aggregateId = aggregateId;
        event.type = type.type();
        event.source = source;
        event.subject = subject;
        event.occurredAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        try {
            event.payload = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("cannot serialise " + type.type(), e));
        }
        if (traced) {
            Context context = Context.current();
            if (Span.fromContext(context).getSpanContext().isValid()) {
                W3CTraceContextPropagator.getInstance().inject(context, event, TRACE_COLUMNS);
            }
        }
        return event.<OutboxEvent>persist();
    }
}

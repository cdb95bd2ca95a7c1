package io.chargeclear.kit.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.function.Supplier;

/**
 * The consumer side of a trace through the outbox (docs/adr/0035-traces-through-the-outbox.md): each event a
 * consumer applies runs in a CONSUMER span whose parent is the trace context the event carries (its
 * {@code traceparent} header, written from the outbox row), and that span is the current context while the event is
 * applied, so the events its handler appends to the outbox carry the same trace on.
 *
 * <p>With the OpenTelemetry SDK disabled ({@code quarkus.otel.sdk.disabled}, the default) the work runs as it is,
 * with no span, no context and no header read.
 */
@ApplicationScoped
public class EventSpans {

    /** The consumer's own attributes beside OpenTelemetry's messaging ones. */
    public static final String CONSUMER = "chargeclear.consumer";
    public static final String EVENT_TYPE = "chargeclear.event.type";
    public static final String EVENT_SUBJECT = "chargeclear.event.subject";

    private static final TextMapGetter<IncomingEvent> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(IncomingEvent event) {
            return List.of(IncomingEvent.TRACEPARENT, IncomingEvent.TRACESTATE);
        }

        @Override
        public String get(IncomingEvent event, String key) {
            if (event == null) {
                return null;
            }
            return switch (key) {
                case IncomingEvent.TRACEPARENT -> event.traceparent();
                case IncomingEvent.TRACESTATE -> event.tracestate();
                default -> null;
            };
        }
    };

    private final Tracer tracer;
    private final boolean enabled;

    public EventSpans(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
    boolean sdkDisabled) {
        this.tracer = tracer;
        this.enabled = !sdkDisabled;
    }

    /**
     * Applies {@code event} for {@code consumer} through {@code work} in a span of its own: started when the returned
     * Uni is subscribed, current until {@code work}'s Uni ends, then ended (with the failure, if any, recorded). The
     * span's parent is the event's {@code traceparent}, or the current context when the event has none (an operator's
     * request applying a parked event again).
     */
    public Uni<Void> process(String consumer, IncomingEvent event, Supplier<Uni<Void>> work) {
        if (!enabled) {
            return work.get();
        }
        return Uni.createFrom().deferred(() -> {
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.current(), event, HEADERS);
            var span = tracer.spanBuilder(event.topic() == null ? consumer + " process" : "process " + event.topic())
                    .setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.operation.name", "process")
                    .setAttribute("messaging.consumer.group.name", consumer)
                    .setAttribute("messaging.message.id", event.id())
                    .setAttribute(CONSUMER, consumer);
            if (event.topic() != null) {
                span.setAttribute("messaging.destination.name", event.topic());
            }
            if (event.key() != null) {
                span.setAttribute("messaging.kafka.message.key", event.key());
            }
            if (event.type() != null) {
                span.setAttribute(EVENT_TYPE, event.type());
            }
            if (event.subject() != null) {
                span.setAttribute(EVENT_SUBJECT, event.subject());
            }
            Span started = span.startSpan();
            // current from here until the work ends: the consumer's Vert.x context keeps it across the work's
            // asynchronous steps (Quarkus stores the OpenTelemetry context in the duplicated context)
            Scope scope = parent.with(started).makeCurrent();
            Uni<Void> applied;
            try {
                applied = work.get();
            } catch (RuntimeException e) {
                applied = Uni.createFrom().failure(e);
            }
            return applied.onTermination().invoke((item, failure, cancelled) -> {
                if (failure != null) {
                    started.recordException(failure);
                    started.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                } else if (cancelled) {
                    started.setStatus(StatusCode.ERROR, "cancelled");
                }
                started.end();
                scope.close();
            });
        });
    }
}

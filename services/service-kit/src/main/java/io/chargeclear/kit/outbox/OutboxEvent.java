package io.chargeclear.kit.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One row of the service's outbox; Debezium's EventRouter turns it into a Kafka record. Never updated. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String source;

    public String subject;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false)
    public String payload;

    /**
     * The W3C trace context of the work that appended the event, null outside a trace; the relay moves it into the
     * record's {@code traceparent} header (docs/adr/0035-traces-through-the-outbox.md).
     */
    public String traceparent;

    /** The W3C {@code tracestate} beside {@link #traceparent}, null when none. */
    public String tracestate;
}

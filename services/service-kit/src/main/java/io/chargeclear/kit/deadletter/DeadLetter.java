package io.chargeclear.kit.deadletter;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A Kafka record a consumer could not apply, parked so the channel moves on: everything needed to apply it again
 * (its CloudEvent attributes, key and payload), where it came from and why it failed. Written only through
 * {@link DeadLetters}.
 */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {

    /** Waiting for the operator. */
    public static final String PARKED = "PARKED";
    /** Applied by an operator's retry (its inbox row was written with the effect). */
    public static final String RETRIED = "RETRIED";
    /** Set aside by the operator; never applied. */
    public static final String DISCARDED = "DISCARDED";

    @Id
    public UUID id;

    public String consumer;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "ce_source")
    public String source;

    @Column(name = "ce_subject")
    public String subject;

    @Column(name = "ce_time")
    public String time;

    public String topic;

    @Column(name = "kafka_partition")
    public int partition;

    @Column(name = "kafka_offset")
    public long offset;

    @Column(name = "record_key")
    public String key;

    public String payload;

    @Column(name = "error_class")
    public String errorClass;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "first_failed_at")
    public Instant firstFailedAt;

    @Column(name = "last_failed_at")
    public Instant lastFailedAt;

    public int attempts;

    public String status;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}

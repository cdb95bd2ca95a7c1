package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A persisted SLA deadline: one per subject (session key, or {@code command:<id>}) and kind. Being a row, not an
 * in-memory timer, it survives restarts; the scan fires a due one once ({@code firedAt}) unless it was cancelled
 * because what it waited for arrived.
 */
@Entity
@Table(name = "sla_timer")
public class SlaTimer extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String kind;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "command_id")
    public String commandId;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(nullable = false)
    public String basis;

    @Column(name = "fired_at")
    public Instant firedAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}

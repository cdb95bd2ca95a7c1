package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A detected breach; unique per subject and kind, which is what makes raising it exactly-once. */
@Entity
@Table(name = "sla_breach")
public class SlaBreach extends PanacheEntityBase {

    @Id
    @Column(name = "breach_id")
    public UUID breachId;

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

    @Column(name = "emsp_country_code")
    public String emspCountryCode;

    @Column(name = "emsp_party_id")
    public String emspPartyId;

    @Column(name = "command_id")
    public String commandId;

    @Column(name = "authorization_id")
    public String authorizationId;

    @Column(name = "cdr_id")
    public String cdrId;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(nullable = false)
    public String detail;
}

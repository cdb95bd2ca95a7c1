package io.chargeclear.settlement.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A party's dispute of one CDR; while OPEN the CDR (and any credit CDR of it) stays out of settlement. */
@Entity
@Table(name = "dispute")
public class Dispute extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "cpo_country_code", nullable = false)
    public String cpoCountryCode;

    @Column(name = "cpo_party_id", nullable = false)
    public String cpoPartyId;

    @Column(name = "cdr_id", nullable = false)
    public String cdrId;

    @Column(name = "opened_by_country_code", nullable = false)
    public String openedByCountryCode;

    @Column(name = "opened_by_party_id", nullable = false)
    public String openedByPartyId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    /** OPEN or RESOLVED. */
    @Column(nullable = false)
    public String status;

    /** ACCEPTED, CORRECTED or REJECTED once resolved. */
    public String resolution;

    @Column(name = "resolution_note")
    public String resolutionNote;

    @Column(name = "resolved_at")
    public Instant resolvedAt;
}

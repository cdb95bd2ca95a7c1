package io.chargeclear.tracking.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/** A CDR as tracking needs it: the session it closes and its totals (written with "on conflict do nothing"). */
@Entity
@Table(name = "tracked_cdr")
public class TrackedCdr extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "country_code", nullable = false)
    public String countryCode;

    @Column(name = "party_id", nullable = false)
    public String partyId;

    @Column(name = "cdr_id", nullable = false)
    public String cdrId;

    @Column(name = "session_id", nullable = false)
    public String sessionId;

    @Column(nullable = false)
    public boolean credit;

    @Column(name = "credit_reference_id")
    public String creditReferenceId;

    @Column(name = "total_energy")
    public BigDecimal totalEnergy;

    public String currency;

    @Column(name = "total_cost_excl_vat")
    public BigDecimal totalCostExclVat;

    @Column(name = "end_date_time")
    public Instant endDateTime;

    @Column(name = "last_updated", nullable = false)
    public Instant lastUpdated;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "seen_at", nullable = false)
    public Instant seenAt;
}
